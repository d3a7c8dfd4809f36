package io.chronosguard.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/**
 * Runs a parameterized test once on SQLite and once on PostgreSQL, each time with a fresh,
 * empty {@link Database}:
 *
 * <pre>
 * &#64;ParameterizedTest(name = "{0}")
 * &#64;ArgumentsSource(Databases.class)
 * void history_lists_runs(Database db) { ... db.url() ... db.count("SELECT COUNT(*) FROM runs") ... }
 * </pre>
 *
 * The PostgreSQL server is started once per test JVM ({@link PostgresServer}); SQLite files
 * are deleted when the test method's invocations are done.
 */
public final class Databases implements ArgumentsProvider {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Databases.class);

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        String prefix = context.getRequiredTestClass().getSimpleName() + "_" + context.getRequiredTestMethod().getName();
        return Stream.of(Arguments.of(sqlite(context)), Arguments.of(postgres(context, prefix)));
    }

    /** Only the PostgreSQL half, for what only a server has (logins, network): {@code @ArgumentsSource(Databases.PostgresOnly.class)}. */
    public static final class PostgresOnly implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
            return Stream.of(Arguments.of(postgres(context, context.getRequiredTestClass().getSimpleName() + "_"
                    + context.getRequiredTestMethod().getName())));
        }
    }

    /** A fresh SQLite database, its folder deleted when {@code context} ends. */
    public static Database sqlite(ExtensionContext context) {
        try {
            Path dir = Files.createTempDirectory("cg-sqlite");
            context.getStore(NAMESPACE).put(dir, (ExtensionContext.Store.CloseableResource) () -> Trees.delete(dir));
            return new Database("sqlite", "jdbc:sqlite:" + dir.resolve("catalog.db"), null, null);
        } catch (IOException e) {
            throw new AssertionError("cannot make a temporary folder for SQLite", e);
        }
    }

    /** A fresh database on the test JVM's PostgreSQL server. */
    public static Database postgres(ExtensionContext context, String prefix) {
        PostgresServer server = PostgresServer.get(context);
        String name = server.createDatabase(prefix);
        return new Database("postgresql", server.bareUrl(name), PostgresServer.USER, server.password());
    }
}
