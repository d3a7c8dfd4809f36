package io.chronosguard.tests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fresh, empty catalog database for one test: SQLite (a file in a temporary folder) or a
 * database on the test {@link PostgresServer}. {@link #url()} carries the credentials;
 * {@link #bareUrl()} with {@link #user()} and {@link #password()} gives them apart. The query
 * helpers let a test check the catalog with SQL rather than through ChronosGuard.
 *
 * @param kind {@code sqlite} or {@code postgresql}; also the test's display name
 */
public record Database(String kind, String bareUrl, String user, String password) {

    /** The URL with credentials, as {@code --catalog} or {@code Catalog.open} takes it. */
    public String url() {
        if (user == null) {
            return bareUrl;
        }
        return bareUrl + "?user=" + enc(user) + "&password=" + enc(password);
    }

    public boolean isPostgres() {
        return "postgresql".equals(kind);
    }

    public Connection connect() throws SQLException {
        return user == null ? DriverManager.getConnection(bareUrl) : DriverManager.getConnection(bareUrl, user, password);
    }

    /** Every row of {@code sql}, each as column label (lower case) → value, in order. */
    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError("query failed on " + kind + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The single number {@code sql} returns, e.g. a {@code COUNT(*)}. */
    public long count(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        return ((Number) rows.get(0).values().iterator().next()).longValue();
    }

    @Override
    public String toString() {
        return kind;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
