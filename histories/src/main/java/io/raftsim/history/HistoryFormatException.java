package io.raftsim.history;

/**
 * A malformed history. Its message is one line naming the file, the position (line and column when
 * known), the op (0-based position in the file) and the field, e.g. {@code
 * h.json:12:5: op 10, field "type": unknown type "done" (expected invoke, ok, fail or info)}.
 */
public final class HistoryFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Marks an unknown line, column or op position. */
    public static final long UNKNOWN = -1;

    private final String source;
    private final long line;
    private final long column;
    private final long opPosition;
    private final String field;
    private final String problem;

    public HistoryFormatException(
            String source, long line, long column, long opPosition, String field, String problem) {
        super(format(source, line, column, opPosition, field, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.opPosition = opPosition;
        this.field = field;
        this.problem = problem;
    }

    private static String format(String source, long line, long column, long opPosition, String field, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (opPosition >= 0) {
            sb.append("op ").append(opPosition);
            sb.append(field == null ? ": " : ", ");
        }
        if (field != null) {
            sb.append("field \"").append(field).append("\": ");
        }
        // One line, always: a problem text quoting input must not break it.
        sb.append(problem.replace('\n', ' ').replace('\r', ' '));
        return sb.toString();
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }

    /** The 0-based position of the offending op in the file, or {@link #UNKNOWN}. */
    public long opPosition() {
        return opPosition;
    }

    /** The offending field, or null when the problem is not about one field. */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
