package io.streamcast.evaluate;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Timestamps as files carry them, to epoch milliseconds: NAB's {@code 2014-04-10 07:15:00} (with
 * optional fraction of up to 9 digits, as in NAB's label files {@code 2014-04-10 07:15:00.000000}),
 * ISO-8601 with or without offset, or epoch milliseconds (possibly negative). Times without an
 * offset are read as UTC. Shared by {@code backtest} and {@code score}.
 */
public final class Timestamps {

    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private static final java.util.regex.Pattern EPOCH_MILLIS = java.util.regex.Pattern.compile("-?\\d+");

    private Timestamps() {
    }

    /** Epoch milliseconds; an IllegalArgumentException quoting the text when it is none of the formats. */
    public static long parse(String text) {
        String t = text.trim();
        try {
            if (EPOCH_MILLIS.matcher(t).matches()) {
                return Long.parseLong(t);
            }
            if (t.length() > 10 && t.charAt(10) == ' ') {
                return LocalDateTime.parse(t, SPACED).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (t.endsWith("Z") || t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10) {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("timestamp '" + text
                    + "' is neither epoch milliseconds, ISO-8601 nor 'yyyy-MM-dd HH:mm:ss'");
        }
    }
}
