package io.raftsim.harness.shrink;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftsim.harness.report.RunOutput;
import io.raftsim.workload.ops.OpSpec;
import java.io.IOException;
import java.util.List;

/**
 * Reads the op list a run wrote as {@code ops.json} ({@link RunOutput#opsJson}), so a run can play
 * a given (shrunk) list instead of drawing one from the seed.
 */
public final class OpsCodec {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private OpsCodec() {}

    public static String toJson(List<OpSpec> ops) {
        return RunOutput.opsJson(ops);
    }

    /** Parses {@code ops.json}; a malformed list is an IllegalArgumentException naming the problem. */
    public static List<OpSpec> fromJson(String json) {
        try {
            List<OpSpec> ops = MAPPER.readValue(json, new TypeReference<List<OpSpec>>() {});
            if (ops == null) {
                throw new IllegalArgumentException("ops.json holds null, expected a list of ops");
            }
            for (int i = 0; i < ops.size(); i++) {
                if (ops.get(i) == null) {
                    throw new IllegalArgumentException("ops.json: op " + i + " is null");
                }
            }
            return List.copyOf(ops);
        } catch (IOException e) {
            throw new IllegalArgumentException("ops.json is not a list of ops: " + e.getMessage(), e);
        }
    }
}
