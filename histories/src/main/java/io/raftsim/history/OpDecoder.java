package io.raftsim.history;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the key/value pairs of one op (already converted to canonical JSON values) into an {@link
 * Op}, with a precise error for each malformed field. Shared by the JSON and EDN readers so that both
 * formats accept and reject exactly the same ops.
 */
final class OpDecoder {
    private OpDecoder() {}

    static Op decode(String source, long position, long line, long column, Map<String, Object> fields) {
        Object type = fields.get("type");
        Object process = fields.get("process");
        Object f = fields.get("f");
        if (!fields.containsKey("type")) {
            throw err(source, position, line, column, "type", "missing (expected invoke, ok, fail or info)");
        }
        if (!(type instanceof String typeName)) {
            throw err(source, position, line, column, "type", "expected a string, got " + describe(type));
        }
        OpType opType = OpType.fromWireName(typeName)
                .orElseThrow(() -> err(
                        source,
                        position,
                        line,
                        column,
                        "type",
                        "unknown type \"" + typeName + "\" (expected invoke, ok, fail or info)"));
        if (!fields.containsKey("process")) {
            throw err(source, position, line, column, "process", "missing (expected an integer or a name)");
        }
        ProcessId pid;
        if (process instanceof Long id) {
            pid = ProcessId.client(id);
        } else if (process instanceof String name) {
            pid = ProcessId.named(name);
        } else if (process instanceof BigInteger big) {
            throw err(source, position, line, column, "process", "integer out of range: " + abbreviate(big.toString()));
        } else {
            throw err(
                    source,
                    position,
                    line,
                    column,
                    "process",
                    "expected an integer or a name, got " + describe(process));
        }
        if (!fields.containsKey("f")) {
            throw err(source, position, line, column, "f", "missing (expected the operation name, e.g. \"read\")");
        }
        if (!(f instanceof String fName)) {
            throw err(source, position, line, column, "f", "expected a string, got " + describe(f));
        }
        long index = optionalLong(source, position, line, column, fields, "index", position);
        long time = optionalLong(source, position, line, column, fields, "time", Op.NO_TIME);
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            switch (e.getKey()) {
                case "type", "process", "f", "value", "index", "time" -> {}
                default -> extra.put(e.getKey(), e.getValue());
            }
        }
        return new Op(index, time, opType, pid, fName, fields.get("value"), extra);
    }

    private static long optionalLong(
            String source, long position, long line, long column, Map<String, Object> fields, String key, long dflt) {
        if (!fields.containsKey(key) || fields.get(key) == null) {
            return dflt;
        }
        Object v = fields.get(key);
        if (v instanceof Long l) {
            if (l == Op.NO_TIME) {
                throw err(source, position, line, column, key, "integer out of range: " + l);
            }
            return l;
        }
        if (v instanceof BigInteger big) {
            throw err(source, position, line, column, key, "integer out of range: " + abbreviate(big.toString()));
        }
        throw err(source, position, line, column, key, "expected an integer, got " + describe(v));
    }

    static String describe(Object v) {
        String json = v == null ? "null" : JsonValues.toJson(v);
        return JsonValues.typeName(v) + " " + abbreviate(json);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static HistoryFormatException err(
            String source, long position, long line, long column, String field, String problem) {
        return new HistoryFormatException(source, line, column, position, field, problem);
    }
}
