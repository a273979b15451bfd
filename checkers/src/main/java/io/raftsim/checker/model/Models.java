package io.raftsim.checker.model;

import java.util.List;
import java.util.Optional;

/** The built-in models by command-line name. */
public final class Models {
    private Models() {}

    public static final List<String> NAMES =
            List.of("register", "cas-register", "multi-register", "mutex", "kv-append", "set", "fifo-queue");

    public static Optional<Model> byName(String name) {
        return Optional.ofNullable(
                switch (name) {
                    case "register" -> RegisterModel.register();
                    case "cas-register" -> RegisterModel.casRegister();
                    case "multi-register" -> new MultiRegisterModel();
                    case "mutex" -> new MutexModel();
                    case "kv-append" -> new KvAppendModel();
                    case "set" -> new SetModel();
                    case "fifo-queue" -> new FifoQueueModel();
                    default -> null;
                });
    }
}
