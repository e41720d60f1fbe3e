package io.streamcast.stream;

import io.streamcast.config.Type;
import io.streamcast.metrics.Glob;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The service's types of values beyond {@link Type}'s: durations, sizes, topic lists, globs, regular expressions. */
final class ValueTypes {

    private ValueTypes() {}

    /** ISO-8601 ({@code PT1M}) or a number with a unit ({@code 500ms}, {@code 10s}, {@code 1m}, {@code 2h}, {@code 1d}); {@code 0} or {@code none} is zero. */
    static final Type<Duration> DURATION = Type.of("a non-negative duration such as PT1M, 500ms, 10s, 1m, 2h or 0",
            ValueTypes::duration, ValueTypes::write);

    /**
     * A topic retention in milliseconds for {@code retention.ms}: a positive duration ({@code 7d}, {@code 720h},
     * {@code PT168H}), or {@code -1} / {@code forever} for no time limit (Kafka's {@code -1}).
     */
    static final Type<Long> RETENTION = Type.of("a positive duration such as 7d, 720h or PT168H, or -1 (forever)",
            ValueTypes::retention, ms -> ms == -1 ? "-1" : write(Duration.ofMillis(ms)));

    /** A number of bytes: digits with an optional unit {@code B}, {@code KB}, {@code MB}, {@code GB} (powers of 1024). */
    static final Type<Long> BYTES = Type.of("a size in bytes such as 134217728, 512KB, 128MB or 1GB", ValueTypes::bytes,
            ValueTypes::writeBytes);

    static final Type<List<String>> TOPICS = Type.of("a comma-separated list of topic names", t -> {
        List<String> topics = Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (topics.isEmpty()) {
            throw new IllegalArgumentException();
        }
        return topics;
    }, l -> String.join(",", l));

    static final Type<List<Double>> NUMBERS = Type.of("comma-separated band edges in Hz", t -> Arrays.stream(t.split(","))
            .map(s -> Double.parseDouble(s.trim())).toList(),
            l -> l.stream().map(Type::number).collect(Collectors.joining(",")));

    static final Type<Pattern> REGEX = Type.of("a regular expression", Pattern::compile, Pattern::pattern);

    static final Type<String> MODEL = Type.of("a model name such as ar, ffar, lstm or auto", t -> {
        if (!t.trim().matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException();
        }
        return t.trim();
    });

    /** A glob over series ids ({@link Glob}: {@code *}, {@code ?}, {@code [a-z]}, {@code {a,b}}). */
    static final Type<Pattern> GLOB = Type.of("a non-empty glob such as sensor-*, mic-? or pump-[0-3]", t -> {
        if (t.isBlank()) {
            throw new IllegalArgumentException();
        }
        try {
            return Glob.of(t.trim()).pattern();
        } catch (IllegalArgumentException e) {
            throw new Type.Explained(e.getMessage(), e);
        }
    }, Pattern::pattern);

    /** Ids and globs separated by commas outside braces and classes, kept as written. */
    static final Type<String> GLOBS = Type.of("ids and globs, comma-separated", t -> {
        try {
            Glob.list(t);
            return t;
        } catch (IllegalArgumentException e) {
            throw new Type.Explained(e.getMessage(), e);
        }
    });

    private static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("0") || v.equals("none")) {
            return Duration.ZERO;
        }
        return Durations.parse(value).orElseThrow(IllegalArgumentException::new);
    }

    private static long retention(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("-1") || v.equals("forever")) {
            return -1;
        }
        return Durations.parse(value).filter(d -> !d.isZero()).map(Duration::toMillis)
                .orElseThrow(IllegalArgumentException::new);
    }

    private static long bytes(String value) {
        var m = Pattern.compile("(\\d+)\\s*([KMG]?B?)").matcher(value.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException();
        }
        int shift = switch (m.group(2)) {
            case "K", "KB" -> 10;
            case "M", "MB" -> 20;
            case "G", "GB" -> 30;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        if (n > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("a size below 2^63 bytes");
        }
        return n << shift;
    }

    /** A duration as users write one: {@code 0}, {@code 100ms}, {@code 10s}, {@code 1h}, {@code 7d}. */
    static String write(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        for (var unit : List.of(java.util.Map.entry(86_400_000L, "d"), java.util.Map.entry(3_600_000L, "h"),
                java.util.Map.entry(60_000L, "m"), java.util.Map.entry(1000L, "s"))) {
            if (ms % unit.getKey() == 0) {
                return ms / unit.getKey() + unit.getValue();
            }
        }
        return ms + "ms";
    }

    private static String writeBytes(long b) {
        for (var unit : List.of(java.util.Map.entry(30, "GB"), java.util.Map.entry(20, "MB"),
                java.util.Map.entry(10, "KB"))) {
            if (b != 0 && b % (1L << unit.getKey()) == 0) {
                return (b >> unit.getKey()) + unit.getValue();
            }
        }
        return Long.toString(b);
    }
}
