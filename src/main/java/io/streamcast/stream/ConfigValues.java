package io.streamcast.stream;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parsers for configuration values; every error names the key and quotes the value. */
final class ConfigValues {

    private ConfigValues() {}

    /** ISO-8601 ({@code PT1M}) or a number with a unit ({@code 500ms}, {@code 10s}, {@code 1m}, {@code 2h}, {@code 1d}); {@code 0} or {@code none} is zero. */
    static Duration duration(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("0") || v.equals("none")) {
            return Duration.ZERO;
        }
        return Durations.parse(value).orElseThrow(
                () -> bad(key, value, "a non-negative duration such as PT1M, 500ms, 10s, 1m, 2h or 0"));
    }

    /**
     * A topic retention in milliseconds for {@code retention.ms}: a positive duration ({@code 7d}, {@code 720h},
     * {@code PT168H}), or {@code -1} / {@code forever} for no time limit (Kafka's {@code -1}).
     */
    static long retention(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("-1") || v.equals("forever")) {
            return -1;
        }
        return Durations.parse(value).filter(d -> !d.isZero()).map(Duration::toMillis).orElseThrow(
                () -> bad(key, value, "a positive duration such as 7d, 720h or PT168H, or -1 (forever)"));
    }

    static int positiveInt(String key, String value) {
        int n = integer(key, value);
        if (n < 1) {
            throw bad(key, value, "a positive integer");
        }
        return n;
    }

    static int nonNegativeInt(String key, String value) {
        int n = integer(key, value);
        if (n < 0) {
            throw bad(key, value, "a non-negative integer");
        }
        return n;
    }

    static long longValue(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw bad(key, value, "an integer");
        }
    }

    static double probability(String key, String value) {
        try {
            double p = Double.parseDouble(value.trim());
            if (!(p > 0 && p <= 1)) {
                throw bad(key, value, "a number in (0, 1]");
            }
            return p;
        } catch (NumberFormatException e) {
            throw bad(key, value, "a number in (0, 1]");
        }
    }

    static <E extends Enum<E>> E choice(String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : "|").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw bad(key, value, "one of " + allowed);
        }
    }

    /** A glob over series ids ({@link io.streamcast.metrics.Glob}: {@code *}, {@code ?}, {@code [a-z]}, {@code {a,b}}). */
    static Pattern glob(String key, String value) {
        if (value.isBlank()) {
            throw bad(key, value, "a non-empty glob such as sensor-*, mic-? or pump-[0-3]");
        }
        try {
            return io.streamcast.metrics.Glob.of(value.trim()).pattern();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration key " + key + ": " + e.getMessage(), e);
        }
    }

    /** A number of bytes: digits with an optional unit {@code B}, {@code KB}, {@code MB}, {@code GB} (powers of 1024). */
    static long bytes(String key, String value) {
        var m = Pattern.compile("(\\d+)\\s*([KMG]?B?)").matcher(value.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw bad(key, value, "a size in bytes such as 134217728, 512KB, 128MB or 1GB");
        }
        int shift = switch (m.group(2)) {
            case "K", "KB" -> 10;
            case "M", "MB" -> 20;
            case "G", "GB" -> 30;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n > Long.MAX_VALUE >> shift) {
                throw bad(key, value, "a size below 2^63 bytes");
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw bad(key, value, "a size below 2^63 bytes");
        }
    }

    /** A share strictly between 0 and 1. */
    static double share(String key, String value) {
        try {
            double p = Double.parseDouble(value.trim());
            if (p > 0 && p < 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, value, "a number strictly between 0 and 1");
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw bad(key, value, "an integer");
        }
    }

    static IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException("configuration key " + key + ": expected " + expected
                + " but got '" + value + "'");
    }
}
