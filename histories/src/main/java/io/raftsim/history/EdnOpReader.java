package io.raftsim.history;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import us.bpsm.edn.EdnException;
import us.bpsm.edn.Keyword;
import us.bpsm.edn.Symbol;
import us.bpsm.edn.TaggedValue;
import us.bpsm.edn.parser.Parseable;
import us.bpsm.edn.parser.Parser;
import us.bpsm.edn.parser.Parsers;

/**
 * Reads Jepsen's {@code history.edn}: a sequence of op maps ({@code {:type :invoke, :f :read,
 * :process 0, :value nil}}), one top-level form each, or a single vector of them. EDN values become
 * JSON values: keywords and symbols become strings without the colon ({@code :invoke -> "invoke"}),
 * vectors, lists and sets become arrays, maps become objects (non-string keys are written as their
 * EDN text), tagged values such as {@code #inst} become strings, and records such as {@code
 * #jepsen.history.Op{...}} become their map.
 */
public final class EdnOpReader implements OpReader {
    /** Deeper values are rejected (edn-java itself parses recursively; see {@link #readForm}). */
    private static final int MAX_DEPTH = 500;

    private final String source;
    private final CountingParseable input;
    private final Parser parser = Parsers.newParser(Parsers.defaultConfiguration());
    private Iterator<?> vectorOps;
    private boolean finished;
    private long position;

    public EdnOpReader(String source, Reader reader) {
        this.source = source;
        this.input = new CountingParseable(reader);
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
        input.skipWhitespace();
        long line = input.line;
        long column = input.column + 1;
        Object form;
        if (vectorOps != null) {
            if (!vectorOps.hasNext()) {
                vectorOps = null;
                finished = true;
                if (readForm() != Parser.END_OF_INPUT) {
                    throw new HistoryFormatException(
                            source,
                            input.line,
                            input.column,
                            position,
                            null,
                            "unexpected content after the vector of ops");
                }
                return null;
            }
            form = vectorOps.next();
            line = HistoryFormatException.UNKNOWN;
            column = HistoryFormatException.UNKNOWN;
        } else {
            form = readForm();
            if (form == Parser.END_OF_INPUT) {
                finished = true;
                return null;
            }
            if (position == 0 && form instanceof List<?> list) {
                vectorOps = list.iterator();
                return next();
            }
        }
        if (form instanceof TaggedValue tv) {
            form = tv.getValue();
        }
        if (!(form instanceof Map<?, ?> map)) {
            throw new HistoryFormatException(
                    source, line, column, position, null, "expected an op map, got " + describeEdn(form));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        try {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                fields.put(keyName(e.getKey()), toJson(e.getValue(), 0));
            }
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(source, line, column, position, null, e.getMessage());
        }
        Op op = OpDecoder.decode(source, position, line, column, fields);
        position++;
        return op;
    }

    private Object readForm() {
        try {
            return parser.nextValue(input);
        } catch (EdnException e) {
            String msg = e.getMessage() == null ? "malformed EDN" : e.getMessage();
            throw new HistoryFormatException(source, input.line, input.column, position, null, "syntax error: " + msg);
        } catch (StackOverflowError e) {
            // edn-java parses recursively; absurd nesting must be a clear error, never a crash.
            throw new HistoryFormatException(source, input.line, input.column, position, null, "nesting too deep");
        }
    }

    private static String keyName(Object k) {
        if (k instanceof Keyword kw) {
            return kw.getPrefix() == null || kw.getPrefix().isEmpty()
                    ? kw.getName()
                    : kw.getPrefix() + "/" + kw.getName();
        }
        if (k instanceof String s) {
            return s;
        }
        return String.valueOf(k);
    }

    private static Object toJson(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Keyword || v instanceof Symbol) {
            return keyName(v instanceof Symbol s ? Keyword.newKeyword(s) : v);
        }
        if (v instanceof Character c) {
            return c.toString();
        }
        if (v instanceof BigInteger || v instanceof BigDecimal || v instanceof Integer) {
            return JsonValues.normalize(v);
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new IllegalArgumentException("number " + d + " has no JSON form");
            }
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(keyName(e.getKey()), toJson(e.getValue(), depth + 1));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object e : c) {
                out.add(toJson(e, depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof TaggedValue tv) {
            return tv.getValue() instanceof Map ? toJson(tv.getValue(), depth + 1) : tv.toString();
        }
        if (v instanceof Date d) {
            return d.toInstant().toString();
        }
        return v.toString();
    }

    private static String describeEdn(Object form) {
        if (form instanceof List) {
            return "a list";
        }
        if (form instanceof Keyword || form instanceof Symbol) {
            return "'" + form + "'";
        }
        if (form == null) {
            return "nil";
        }
        return form.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " "
                + OpDecoder.abbreviate(String.valueOf(form));
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    /** Feeds edn-java one char at a time while tracking the line and column for error messages. */
    private static final class CountingParseable implements Parseable {
        private final Reader reader;
        private long line = 1;
        private long column = 0;
        private long lastColumnBeforeNewline;
        private int pushedBack = -1;

        CountingParseable(Reader reader) {
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            int c;
            if (pushedBack >= 0) {
                c = pushedBack;
                pushedBack = -1;
            } else {
                c = reader.read();
            }
            if (c == '\n') {
                lastColumnBeforeNewline = column;
                line++;
                column = 0;
            } else if (c >= 0) {
                column++;
            }
            return c < 0 ? END_OF_INPUT : c;
        }

        /** Skips blanks and commas so that the next form's first char is where an op starts. */
        void skipWhitespace() {
            try {
                int c = read();
                while (c == ' ' || c == ',' || c == '\n' || c == '\r' || c == '\t') {
                    c = read();
                }
                unread(c);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void unread(int ch) throws IOException {
            if (ch < 0) {
                return; // end of input stays end of input
            }
            if (pushedBack >= 0) {
                throw new IOException("more than one char of push-back");
            }
            pushedBack = ch;
            if (ch == '\n') {
                line--;
                column = lastColumnBeforeNewline;
            } else {
                column--;
            }
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
