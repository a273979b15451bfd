package io.raftsim.history;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Entry points to read and write history files. The format follows the file name: {@code .edn} is
 * Jepsen's EDN, anything else is JSON (an array of ops or JSON Lines, told apart by the first token).
 */
public final class Histories {
    private Histories() {}

    /** The format a file is read in. */
    public enum Format {
        JSON,
        EDN;

        public static Format of(Path file) {
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".edn") ? EDN : JSON;
        }
    }

    /** Opens a streaming reader (not validated: combine with {@link HistoryValidator} or use {@link #forEach}). */
    public static OpReader open(Path file) {
        try {
            BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            return open(file.toString(), r, Format.of(file));
        } catch (NoSuchFileException e) {
            throw new HistoryFormatException(file.toString(), -1, -1, -1, null, "no such file");
        } catch (IOException e) {
            throw new HistoryFormatException(file.toString(), -1, -1, -1, null, "cannot read: " + e.getMessage());
        }
    }

    public static OpReader open(String source, Reader reader, Format format) {
        return format == Format.EDN ? new EdnOpReader(source, reader) : new JsonOpReader(source, reader);
    }

    /** Streams every op of a file to {@code sink}, validating as it goes; returns the op count. */
    public static long forEach(Path file, Consumer<Op> sink) {
        try (OpReader r = open(file)) {
            return forEach(r, sink);
        }
    }

    public static long forEach(OpReader reader, Consumer<Op> sink) {
        HistoryValidator v = new HistoryValidator(reader.source());
        for (Op op = reader.next(); op != null; op = reader.next()) {
            v.accept(op);
            sink.accept(op);
        }
        return v.count();
    }

    /** Reads and validates a whole history file. */
    public static History read(Path file) {
        List<Op> ops = new ArrayList<>();
        forEach(file, ops::add);
        return new History(file.toString(), ops);
    }

    public static History read(String source, Reader reader, Format format) {
        List<Op> ops = new ArrayList<>();
        try (OpReader r = open(source, reader, format)) {
            forEach(r, ops::add);
        }
        return new History(source, ops);
    }

    /** Writes a history as a JSON array, one op per line. */
    public static void write(Path file, History history) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(w, history.ops(), JsonOpWriter.Layout.ARRAY);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    public static void write(Writer out, Iterable<Op> ops, JsonOpWriter.Layout layout) {
        JsonOpWriter w = new JsonOpWriter(out instanceof BufferedWriter ? out : new BufferedWriter(out), layout);
        for (Op op : ops) {
            w.write(op);
        }
        w.close();
    }
}
