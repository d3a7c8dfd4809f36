package io.chronosguard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Value types for sizes, durations, times of day, URLs and e-mail addresses (alert and log settings). */
final class Quantities {
    private static final Pattern AMOUNT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z%]*)");
    private static final Pattern TIME = Pattern.compile("([01]?[0-9]|2[0-3]):([0-5][0-9])");
    /** Deliberately loose (one @, no spaces): the SMTP server is the judge of an address. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,<>]+@[^@\\s,<>]+");

    /** {@code 500}, {@code 100MiB}, {@code 2GB} (SI), {@code 1g} (binary): bytes. */
    static final ValueType<Long> SIZE = (raw, machine) -> size(raw);

    /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT1H30M}); positive. */
    static final ValueType<Duration> DURATION = (raw, machine) -> duration(raw);

    /** {@code 10%} of the disk, or a size ({@code 5GiB}). */
    static final ValueType<DiskThreshold> DISK_THRESHOLD = (raw, machine) -> {
        String t = raw.trim();
        if (t.endsWith("%")) {
            double p;
            try {
                p = Double.parseDouble(t.substring(0, t.length() - 1).trim());
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (!(p > 0 && p < 100)) {
                throw new InvalidValue("must be a percentage above 0 and below 100, e.g. 10%");
            }
            return DiskThreshold.ofPercent(p);
        }
        try {
            return DiskThreshold.ofBytes(size(t));
        } catch (InvalidValue e) {
            throw new InvalidValue("must be a percentage (10%) or a size (5GiB, 500MB)");
        }
    };

    /** {@code HH:MM}, 24-hour. */
    static final ValueType<LocalTime> TIME_OF_DAY = (raw, machine) -> {
        Matcher m = TIME.matcher(raw.trim());
        if (!m.matches()) {
            throw new InvalidValue("must be a time of day HH:MM (24-hour), e.g. 08:00");
        }
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    };

    /** An absolute http or https URL; messages show only its scheme, host and port. */
    static final ValueType<URI> HTTP_URL = new ValueType<>() {
        @Override
        public URI parse(String raw, Machine machine) {
            try {
                URI u = new URI(raw.trim());
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                    return u;
                }
            } catch (URISyntaxException e) {
                // the message below says what is expected
            }
            throw new InvalidValue("must be an http:// or https:// URL with a host");
        }

        @Override
        public String shown(String raw) {
            try {
                return redact(new URI(raw.trim()));
            } catch (URISyntaxException e) {
                return "***";
            }
        }
    };

    static final ValueType<String> EMAIL_ADDRESS = (raw, machine) -> {
        if (!EMAIL.matcher(raw.trim()).matches()) {
            throw new InvalidValue("must be an e-mail address such as backup@example.org");
        }
        return raw.trim();
    };

    /** Addresses separated by commas. */
    static final ValueType<List<String>> EMAIL_ADDRESSES = (raw, machine) -> {
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            if (!EMAIL.matcher(part.trim()).matches()) {
                throw new InvalidValue("must be e-mail addresses separated by commas; \"" + part.trim()
                        + "\" is not one");
            }
            out.add(part.trim());
        }
        return List.copyOf(out);
    };

    static final ValueType<String> TEXT = (raw, machine) -> {
        if (raw.isBlank()) {
            throw new InvalidValue("must not be empty");
        }
        return raw.trim();
    };

    private Quantities() {
    }

    /** Scheme, host and port only: webhook paths and queries often hold the hook's secret. */
    static String redact(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + "/***";
    }

    static long size(String raw) {
        Matcher m = AMOUNT.matcher(raw.trim());
        if (!m.matches()) {
            throw new InvalidValue("must be a size such as 500, 100MiB or 2GB");
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "t", "tib" -> 1L << 40;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            default -> throw new InvalidValue("has an unknown unit \"" + m.group(2)
                    + "\"; use B, KiB, MiB, GiB, TiB (or KB, MB, GB, TB)");
        };
        double v = Double.parseDouble(m.group(1)) * unit;
        if (v < 1 || v > Long.MAX_VALUE) {
            throw new InvalidValue("must be a size of at least 1 byte");
        }
        return (long) v;
    }

    static Duration duration(String raw) {
        String t = raw.trim();
        Duration d;
        if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                d = Duration.parse(t);
            } catch (RuntimeException e) {
                throw new InvalidValue("must be a duration such as 90s, 30m, 2h, 1d or PT1H30M");
            }
        } else {
            Matcher m = AMOUNT.matcher(t);
            if (!m.matches() || m.group(1).contains(".")) {
                throw new InvalidValue("must be a duration such as 90s, 30m, 2h, 1d or PT1H30M");
            }
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new InvalidValue("must be a duration with a unit (ms, s, m, h, d), e.g. 2h");
            };
        }
        if (d.isNegative() || d.isZero()) {
            throw new InvalidValue("must be a positive duration");
        }
        return d;
    }
}
