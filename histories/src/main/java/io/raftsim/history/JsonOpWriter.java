package io.raftsim.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes ops one at a time in the format {@link JsonOpReader} reads: a JSON array with one op object
 * per line (the format of the shared reference histories), or JSON Lines. Keys are written in the
 * order {@code index, time, type, process, f, value}, then the extra keys as they were read.
 */
public final class JsonOpWriter implements Closeable {
    /** The two layouts the reader accepts. */
    public enum Layout {
        /** {@code [\n{op},\n{op}\n]\n}. */
        ARRAY,
        /** {@code {op}\n{op}\n}. */
        JSON_LINES
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator gen;
    private final Layout layout;
    private long written;
    private boolean closed;

    public JsonOpWriter(Writer out, Layout layout) {
        this.layout = layout;
        try {
            this.gen = FACTORY.createGenerator(out);
            gen.setRootValueSeparator(null);
            if (layout == Layout.ARRAY) {
                gen.writeRaw("[\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Op op) {
        if (closed) {
            throw new IllegalStateException("writer is closed; op " + op + " not written");
        }
        try {
            if (layout == Layout.ARRAY && written > 0) {
                gen.writeRaw(",\n");
            }
            gen.writeStartObject();
            gen.writeNumberField("index", op.index());
            if (op.hasTime()) {
                gen.writeNumberField("time", op.timeNs());
            }
            gen.writeStringField("type", op.type().wireName());
            gen.writeFieldName("process");
            if (op.process() instanceof ProcessId.Client c) {
                gen.writeNumber(c.id());
            } else {
                gen.writeString(((ProcessId.Named) op.process()).name());
            }
            gen.writeStringField("f", op.f());
            gen.writeFieldName("value");
            JsonValues.write(gen, op.value());
            for (Map.Entry<String, Object> e : op.extra().entrySet()) {
                gen.writeFieldName(e.getKey());
                JsonValues.write(gen, e.getValue());
            }
            gen.writeEndObject();
            if (layout == Layout.JSON_LINES) {
                gen.writeRaw("\n");
            }
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long written() {
        return written;
    }

    /** Finishes the document (the closing bracket for an array) and closes the underlying writer. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (layout == Layout.ARRAY) {
                gen.writeRaw(written > 0 ? "\n]\n" : "]\n");
            }
            gen.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
