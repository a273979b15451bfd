package io.raftsim.checker;

import io.raftsim.checker.model.Model;
import io.raftsim.history.Histories;
import io.raftsim.history.History;
import io.raftsim.history.Op;
import java.io.StringReader;

/** Helpers shared by the checker tests. */
final class CheckerTestSupport {
    private CheckerTestSupport() {}

    /** Parses a JSON init value ("" means the model's default). */
    static Object init(String json) {
        if (json.isEmpty()) {
            return Model.DEFAULT_INIT;
        }
        History h = Histories.read(
                "init",
                new StringReader("[{\"process\":0,\"type\":\"invoke\",\"f\":\"x\",\"value\":" + json + "}]"),
                Histories.Format.JSON);
        Op op = h.get(0);
        return op.value();
    }
}
