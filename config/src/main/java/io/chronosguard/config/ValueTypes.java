package io.chronosguard.config;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The value types settings are made of, each with the message a bad value gets. */
final class ValueTypes {
    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern JDBC = Pattern.compile("jdbc:[a-zA-Z0-9]+:\\S+");

    /** A host name or IP address. */
    static final ValueType<String> HOST = (raw, machine) -> {
        if (raw.isBlank() || raw.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidValue("must be a host name or IP address, without spaces");
        }
        return raw;
    };

    /** A file system path; a leading {@code ~/} means the home directory. */
    static final ValueType<Path> PATH = (raw, machine) -> path(raw, machine.home());

    /**
     * A repository location kept as text: a network one ({@code sftp:}, {@code rest:},
     * {@code s3:}) as given, since it is no file system path (normalising would fold its
     * {@code //}); anything else a local path, checked and expanded as one. Messages blank
     * out a password in a URL.
     */
    static final ValueType<String> LOCATION = new ValueType<>() {
        @Override
        public String parse(String raw, Machine machine) {
            return NETWORK_LOCATION.matcher(raw).lookingAt() ? raw : path(raw, machine.home()).toString();
        }

        @Override
        public String shown(String raw) {
            return JdbcUrls.redact(raw);
        }
    };
    private static final Pattern NETWORK_LOCATION = Pattern.compile("(?i)(sftp|rest|s3):");

    /** A JDBC URL; messages blank out a password in it ({@code password=***}, {@code //user:***@}). */
    static final ValueType<String> JDBC_URL = new ValueType<>() {
        @Override
        public String parse(String raw, Machine machine) {
            if (!JDBC.matcher(raw).matches()) {
                throw new InvalidValue("must be a JDBC URL such as jdbc:sqlite:/path/catalog.db"
                        + " or jdbc:postgresql://host/db");
            }
            return raw;
        }

        @Override
        public String shown(String raw) {
            return JdbcUrls.redact(raw);
        }
    };

    static final ValueType<Boolean> BOOLEAN = (raw, machine) ->
            switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new InvalidValue("must be true or false");
            };

    static final ValueType<Secret> SECRET = new ValueType<>() {
        @Override
        public Secret parse(String raw, Machine machine) {
            if (raw.isEmpty()) {
                throw new InvalidValue("must not be empty");
            }
            return Secret.of(raw);
        }

        @Override
        public boolean secret() {
            return true;
        }
    };

    private ValueTypes() {
    }

    /** A whole number in {@code min..max}; {@code rangeMessage} is what an outsider gets. */
    static ValueType<Integer> wholeNumber(int min, int max, String rangeMessage) {
        return new WholeNumber(min, max, rangeMessage);
    }

    static ValueType<Integer> atLeast(int min) {
        return new WholeNumber(min, Integer.MAX_VALUE, null);
    }

    /** One of the enum's constants, written in any case; messages list them in lower case. */
    static <E extends Enum<E>> ValueType<E> oneOf(Class<E> type) {
        E[] constants = type.getEnumConstants();
        String names = Arrays.stream(constants)
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return (raw, machine) -> {
            for (E c : constants) {
                if (c.name().equalsIgnoreCase(raw.trim())) {
                    return c;
                }
            }
            throw new InvalidValue("must be one of " + names);
        };
    }

    /** Expands a leading {@code ~/}; {@code ~user} is refused rather than taken literally. */
    static Path path(String raw, Path home) {
        if (raw.isBlank()) {
            throw new InvalidValue("must not be empty");
        }
        if (raw.startsWith("~") && !raw.equals("~") && !raw.startsWith("~/")) {
            throw new InvalidValue("only a leading ~/ is expanded; write ~user paths in full");
        }
        try {
            if (raw.startsWith("~")) {
                return raw.length() <= 2 ? home : home.resolve(raw.substring(2));
            }
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new InvalidValue("is not a valid path: " + e.getReason());
        }
    }

    private record WholeNumber(int min, int max, String rangeMessage) implements ValueType<Integer> {
        @Override
        public Integer parse(String raw, Machine machine) {
            String text = raw.trim();
            if (!WHOLE.matcher(text).matches()) {
                throw new InvalidValue("must be a whole number");
            }
            // BigInteger, so "99999999999" is out of range rather than "not a number".
            BigInteger n = new BigInteger(text);
            String violation = outOfRange(n);
            if (violation != null) {
                throw new InvalidValue(violation);
            }
            return n.intValueExact();
        }

        @Override
        public String violation(Integer value) {
            return outOfRange(BigInteger.valueOf(value));
        }

        private String outOfRange(BigInteger n) {
            boolean low = n.compareTo(BigInteger.valueOf(min)) < 0;
            boolean high = n.compareTo(BigInteger.valueOf(max)) > 0;
            if (!low && !high) {
                return null;
            }
            if (rangeMessage != null) {
                return rangeMessage;
            }
            return low ? "must be at least " + min : "must be at most " + max;
        }
    }
}
