package io.raftsim.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a history written as a JSON array of op objects, or as JSON Lines (one op object per line),
 * with Jackson's streaming parser: only the op being read is held in memory.
 */
public final class JsonOpReader implements OpReader {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final String source;
    private final JsonParser parser;
    private boolean started;
    private boolean inArray;
    private boolean finished;
    private long position;

    public JsonOpReader(String source, Reader reader) {
        this.source = source;
        try {
            this.parser = FACTORY.createParser(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Op next() {
        if (finished) {
            return null;
        }
        try {
            JsonToken t = parser.nextToken();
            if (!started) {
                started = true;
                if (t == JsonToken.START_ARRAY) {
                    inArray = true;
                    t = parser.nextToken();
                } else if (t == null) {
                    throw syntax(parser.currentLocation(), "empty input (expected a JSON array of ops or JSON Lines)");
                }
            }
            if (inArray && t == JsonToken.END_ARRAY) {
                JsonToken after = parser.nextToken();
                if (after != null) {
                    throw syntax(parser.currentTokenLocation(), "unexpected content after the closing ']'");
                }
                finished = true;
                return null;
            }
            if (!inArray && t == null) {
                finished = true;
                return null;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new HistoryFormatException(
                        source,
                        parser.currentTokenLocation().getLineNr(),
                        parser.currentTokenLocation().getColumnNr(),
                        position,
                        null,
                        "expected an op object, got " + describe(t));
            }
            JsonLocation at = parser.currentTokenLocation();
            Map<String, Object> fields = readObject();
            Op op = OpDecoder.decode(source, position, at.getLineNr(), at.getColumnNr(), fields);
            position++;
            return op;
        } catch (StreamConstraintsException e) {
            throw syntax(parser.currentLocation(), "input exceeds a parser limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            throw syntax(loc, "syntax error: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    private HistoryFormatException syntax(JsonLocation loc, String problem) {
        return new HistoryFormatException(source, loc.getLineNr(), loc.getColumnNr(), position, null, problem);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    /** Reads the object whose START_OBJECT is the current token. */
    private Map<String, Object> readObject() throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            out.put(name, readValue());
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw syntax(parser.currentLocation(), "syntax error: unexpected end of input inside an op");
        }
        return out;
    }

    private Object readValue() throws IOException {
        JsonToken t = parser.currentToken();
        if (t == null) {
            throw syntax(parser.currentLocation(), "syntax error: unexpected end of input");
        }
        switch (t) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? JsonValues.normalize(parser.getBigIntegerValue())
                        : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDecimalValue();
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue());
                }
                return Collections.unmodifiableList(list);
            }
            case START_OBJECT:
                return Collections.unmodifiableMap(readObject());
            default:
                throw syntax(parser.currentTokenLocation(), "syntax error: unexpected " + describe(t));
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }
}
