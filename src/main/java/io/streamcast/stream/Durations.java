package io.streamcast.stream;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way streamcast reads a duration, for configuration keys and command-line options alike:
 * a number with a unit ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d}) or ISO-8601
 * ({@code PT1M}). Callers word their own error, naming the key or the option.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {}

    /** The non-negative duration {@code text} denotes, or empty if it is not one. */
    public static Optional<Duration> parse(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            Duration d = Duration.parse(text.trim());
            return d.isNegative() ? Optional.empty() : Optional.of(d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
