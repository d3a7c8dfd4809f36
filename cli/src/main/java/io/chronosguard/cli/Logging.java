package io.chronosguard.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.chronosguard.config.LogFormat;
import io.chronosguard.config.LogLevel;
import io.chronosguard.config.LogSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code log.*} settings to Logback, replacing the appender of {@code logback.xml}
 * (text on stderr, warnings and up): JSON lines (one object per line with {@code timestamp},
 * {@code level}, {@code logger}, {@code thread}, {@code message}) or text on stderr, and
 * optionally a file rolled by size and by day with old files deleted by age and total size.
 */
final class Logging {
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
    static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

    private Logging() {
    }

    /** True when {@code format} means JSON for a stream that is ({@code terminal}) or is not a terminal. */
    static boolean json(LogFormat format, boolean terminal) {
        return format == LogFormat.JSON || (format == LogFormat.AUTO && !terminal);
    }

    /**
     * @param debug    {@code --debug}: ChronosGuard's own loggers at debug level
     * @param terminal whether stderr is read by a person
     */
    static void apply(LogSettings s, boolean debug, boolean terminal) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext lc)) {
            return;
        }
        boolean consoleJson = json(s.format(), terminal);
        if (!consoleJson && s.level() == LogLevel.WARN && s.file().isEmpty() && !debug) {
            return; // what logback.xml already does
        }
        ch.qos.logback.classic.Logger root = lc.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.toLevel(s.level().name()));
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(lc);
        console.setName("STDERR");
        console.setTarget("System.err");
        console.setEncoder(encoder(lc, consoleJson, TEXT_PATTERN));
        console.start();
        root.addAppender(console);
        if (s.file().isPresent()) {
            root.addAppender(file(lc, s, s.format() != LogFormat.TEXT));
        }
        lc.getLogger("io.chronosguard").setLevel(debug ? Level.DEBUG : null);
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext lc, boolean json, String pattern) {
        if (json) {
            LogstashEncoder e = new LogstashEncoder();
            e.setContext(lc);
            e.getFieldNames().setTimestamp("timestamp");
            e.getFieldNames().setLogger("logger");
            e.getFieldNames().setThread("thread");
            e.getFieldNames().setVersion("[ignore]");
            e.getFieldNames().setLevelValue("[ignore]");
            e.start();
            return e;
        }
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(lc);
        e.setPattern(pattern);
        e.start();
        return e;
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext lc, LogSettings s, boolean json) {
        Path file = s.file().orElseThrow().toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "log.file " + file + ": cannot create its folder: "
                    + e.getMessage());
        }
        RollingFileAppender<ILoggingEvent> a = new RollingFileAppender<>();
        a.setContext(lc);
        a.setName("FILE");
        a.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> p = new SizeAndTimeBasedRollingPolicy<>();
        p.setContext(lc);
        p.setParent(a);
        // rolled files: node.log.2026-03-10.0.gz, node.log.2026-03-10.1.gz, ...
        p.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
        p.setMaxFileSize(new FileSize(s.maxSizeBytes()));
        p.setMaxHistory(s.maxHistoryDays());
        p.setTotalSizeCap(new FileSize(s.totalSizeCapBytes()));
        p.start();
        a.setRollingPolicy(p);
        a.setEncoder(encoder(lc, json, FILE_PATTERN));
        a.start();
        if (!a.isStarted()) {
            throw new CliException(ExitCode.USAGE, "log.file " + file + " cannot be written");
        }
        return a;
    }
}
