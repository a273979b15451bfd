package io.raftsim.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as plain Java objects, the representation of an op's {@code value} and extra keys.
 *
 * <p>The canonical forms are: {@code null}; {@link Boolean}; {@link Long} for integers that fit,
 * {@link BigInteger} for larger ones; {@link BigDecimal} for numbers with a fraction or exponent;
 * {@link String}; an unmodifiable {@link List} for arrays; an unmodifiable insertion-ordered {@link
 * Map} with {@link String} keys for objects. Canonical forms make {@code equals} and {@code hashCode}
 * mean JSON equality for the values histories use (so {@code 1} read from JSON and {@code 1} read from
 * EDN are the same value).
 */
public final class JsonValues {
    private static final JsonFactory JSON = new JsonFactory();
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonValues() {}

    /** Converts any supported Java value to its canonical form; rejects other types. */
    public static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 ? (Object) b.longValue() : b;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no NaN or infinite numbers, got " + d);
            }
            return BigDecimal.valueOf(d);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(normalize(e));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> map) {
            return immutableObject(map);
        }
        throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName() + " " + v);
    }

    /** A canonical, unmodifiable, insertion-ordered copy of a JSON object. */
    public static Map<String, Object> immutableObject(Map<?, ?> map) {
        if (map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
            }
            out.put(k, normalize(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Parses one JSON value (e.g. an initial state given on the command line) into its canonical
     * form; throws {@link IllegalArgumentException} with a one-line reason for anything else.
     */
    public static Object parse(String json) {
        String wrapped = "[{\"process\":0,\"type\":\"invoke\",\"f\":\"parse\",\"value\":" + json + "}]";
        try (JsonOpReader r = new JsonOpReader("value", new java.io.StringReader(wrapped))) {
            Op op = r.next();
            if (op == null || r.next() != null || json.isBlank()) {
                throw new IllegalArgumentException("not a single JSON value: " + json);
            }
            return op.value();
        } catch (HistoryFormatException e) {
            throw new IllegalArgumentException("not a JSON value: " + json + " (" + e.problem() + ")");
        }
    }

    /** Compact JSON text of a canonical value, e.g. {@code [1,"a",null]}. */
    public static String toJson(Object v) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            write(g, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Writes a canonical value with a Jackson generator. */
    public static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object e : list) {
                write(g, e);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            throw new IllegalArgumentException(
                    "not a canonical JSON value: " + v.getClass().getName());
        }
    }

    /** A short name of the JSON type of a value, for error messages. */
    public static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof List) {
            return "array";
        }
        if (v instanceof Map) {
            return "object";
        }
        return v.getClass().getSimpleName();
    }
}
