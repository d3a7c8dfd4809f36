package io.chronosguard.config;

import java.util.regex.Pattern;

/** JDBC URLs as messages may show them: any password blanked out. */
public final class JdbcUrls {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    private JdbcUrls() {
    }

    /** {@code url} with {@code password=***} and {@code //user:***@} in place of any password. */
    public static String redact(String url) {
        String s = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO_PASSWORD.matcher(s).replaceAll("$1***@");
    }
}
