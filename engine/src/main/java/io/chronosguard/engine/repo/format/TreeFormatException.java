package io.chronosguard.engine.repo.format;

/**
 * A tree blob's plaintext is not a tree restic could have written: malformed JSON, a field of
 * the wrong type or range, or nodes out of order. The message names the node index and field.
 */
public final class TreeFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Index of the offending node in {@code nodes}, or -1 when the problem is outside nodes. */
    private final int nodeIndex;
    /** JSON field name, or {@code null} when the problem is not about one field. */
    private final String field;

    public TreeFormatException(int nodeIndex, String field, String problem, Throwable cause) {
        super(describe(nodeIndex, field) + problem, cause);
        this.nodeIndex = nodeIndex;
        this.field = field;
    }

    public TreeFormatException(int nodeIndex, String field, String problem) {
        this(nodeIndex, field, problem, null);
    }

    private static String describe(int nodeIndex, String field) {
        StringBuilder sb = new StringBuilder("tree JSON: ");
        if (nodeIndex >= 0) {
            sb.append("node ").append(nodeIndex).append(": ");
        }
        if (field != null) {
            sb.append("field \"").append(field).append("\": ");
        }
        return sb.toString();
    }

    public int nodeIndex() {
        return nodeIndex;
    }

    public String field() {
        return field;
    }
}
