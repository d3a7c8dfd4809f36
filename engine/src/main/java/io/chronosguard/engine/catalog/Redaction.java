package io.chronosguard.engine.catalog;

import java.util.regex.Pattern;

/** Blanks out passwords in JDBC URLs, so an error message or log line can name the database. */
final class Redaction {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    private Redaction() {
    }

    static String url(String jdbcUrl) {
        String s = PASSWORD_PARAM.matcher(jdbcUrl).replaceAll("$1***");
        return USER_INFO.matcher(s).replaceAll("$1***@");
    }

    /** A driver's message on one line: PostgreSQL's carry "Detail:" and "Hint:" lines. */
    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
