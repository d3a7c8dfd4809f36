package io.chronosguard.engine.catalog;

import io.chronosguard.config.JdbcUrls;

/** Blanks out passwords in JDBC URLs, so an error message or log line can name the database. */
final class Redaction {
    private Redaction() {
    }

    static String url(String jdbcUrl) {
        return JdbcUrls.redact(jdbcUrl);
    }

    /** A driver's message on one line: PostgreSQL's carry "Detail:" and "Hint:" lines. */
    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
