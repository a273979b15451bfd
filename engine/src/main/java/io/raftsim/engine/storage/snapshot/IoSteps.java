package io.raftsim.engine.storage.snapshot;

import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import java.util.List;
import java.util.function.Consumer;

/** Runs asynchronous I/O steps one after another; the first failure ends the chain. */
final class IoSteps {
    private IoSteps() {}

    static void run(List<Consumer<IoCallback>> steps, IoCallback done) {
        run(steps, 0, done);
    }

    private static void run(List<Consumer<IoCallback>> steps, int i, IoCallback done) {
        if (i == steps.size()) {
            done.done(null);
            return;
        }
        try {
            steps.get(i).accept(err -> {
                if (err != null) {
                    done.done(err);
                } else {
                    run(steps, i + 1, done);
                }
            });
        } catch (StorageException e) {
            done.done(e);
        }
    }
}
