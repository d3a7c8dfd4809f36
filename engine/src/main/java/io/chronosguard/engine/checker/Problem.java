package io.chronosguard.engine.checker;

/**
 * One finding of the checker. Errors make the check fail; hints (an unreferenced pack, say)
 * are reported but leave the repository valid.
 */
public record Problem(Severity severity, String subject, String message) {

    public enum Severity { ERROR, HINT }

    public static Problem error(String subject, String message) {
        return new Problem(Severity.ERROR, subject, message);
    }

    public static Problem hint(String subject, String message) {
        return new Problem(Severity.HINT, subject, message);
    }

    @Override
    public String toString() {
        return (severity == Severity.ERROR ? "error: " : "hint: ") + subject + ": " + message;
    }
}
