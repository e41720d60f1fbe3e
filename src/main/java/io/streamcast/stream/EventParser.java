package io.streamcast.stream;

import static io.streamcast.stream.Reasons.quote;

import com.fasterxml.jackson.core.JsonToken;
import io.streamcast.series.AudioFeatures;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Headers;

/**
 * Turns one input record into a {@link ParsedEvent} or says, in one readable sentence, why not.
 *
 * <p>JSON: {@code {"series": "s", "ts": "2026-11-23T15:00:00Z" | 1795532400000, "value": 21.4}} or
 * {@code "values": [..]} instead of {@code value}. CSV: one line {@code series,ts,value}. The record
 * key, when present, is the series id and wins over the payload's {@code series}.
 *
 * <p>Frames ({@code values}, e.g. 10 ms of audio samples): a frame becomes one event per feature of
 * {@link AudioFeatures} — {@code SERIES/rms}, {@code SERIES/zcr}, {@code SERIES/centroid},
 * {@code SERIES/band_LO_HI} — all at the frame's time, so each feature is a scalar series that the
 * per-series models forecast and score (a click lifts rms and centroid, a dropout drops rms, a new tone
 * moves centroid and its band). A frame longer than {@code streamcast.audio.max-frame} is refused.
 *
 * <p>Its parts, one capability each: {@link JsonEventReader} reads a JSON event's fields from the token
 * stream (no tree, a frame never held beyond {@code max-frame} samples, strings and nesting bounded as
 * Jackson reads), {@link CsvEventReader} a CSV line's, and {@link EventLimits} refuses what no event may be
 * (a record over {@code streamcast.input.max-bytes}, before any parsing; a key longer than an id can be,
 * undecoded; an id that is not printable text; a time outside 1970–9999 or too far from its record's own
 * timestamp). This class says what the fields mean: which series, which time, which value or frame.
 * Hostile input costs no more than the record it came in. Reasons quote at most {@value Reasons#QUOTE}
 * characters of the input, control characters escaped.
 * Not thread-safe (the feature extractor caches FFT plans): one parser per stream task.
 */
final class EventParser {
    private static final Pattern CSV_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final ServiceConfig.InputFormat format;
    private final EventLimits limits;
    private final JsonEventReader jsonReader;
    private final CsvEventReader csvReader;
    private final AudioFeatures audio;

    EventParser(ServiceConfig config) {
        this(config.inputFormat(), config.maxSeriesIdLength(), config.audio(), config.inputLimits());
    }

    EventParser(ServiceConfig.InputFormat format, int maxIdLength, ServiceConfig.Audio audio,
            ServiceConfig.InputLimits limits) {
        this.format = Objects.requireNonNull(format, "format");
        this.limits = new EventLimits(maxIdLength, limits);
        this.audio = audio.features();
        // a string we read (series, ts) may be a little longer than an id, so the reason can say by how much;
        // a longer one stops the parser as it reads instead of being copied whole into memory
        int maxString = Math.max(1024, maxIdLength);
        this.jsonReader = new JsonEventReader(maxIdLength, maxString, audio.maxFrame());
        this.csvReader = new CsvEventReader(maxString);
    }

    /**
     * One event, or one per audio feature for a frame, in {@link AudioFeatures#names()} order.
     * {@code recordTimestamp} is the record's own timestamp (negative: none, the window is not checked).
     */
    List<ParsedEvent> parse(byte[] key, byte[] value, Headers headers, long recordTimestamp, Source source)
            throws InvalidEventException {
        limits.checkSize(key, value, headers);
        if (value == null || value.length == 0) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "empty record value");
        }
        String keyId = key == null || key.length == 0 ? null : limits.keyId(key);
        boolean json = switch (format) {
            case JSON -> true;
            case CSV -> false;
            case AUTO -> firstNonBlank(value) == '{' || firstNonBlank(value) == '[';
        };
        return json ? parseJson(keyId, value, recordTimestamp, source)
                : parseCsv(keyId, value, recordTimestamp, source);
    }

    private List<ParsedEvent> parseJson(String keyId, byte[] bytes, long recordTs, Source source)
            throws InvalidEventException {
        JsonEventReader.Fields f = jsonReader.read(bytes, keyId != null);
        String series = keyId;
        if (series == null) {
            if (f.seriesError != null) {
                throw f.seriesError;
            }
            if (f.series == null) {
                throw new InvalidEventException(DeadLetterKind.MISSING_FIELD, "missing field series and the record "
                        + "has no key");
            }
            series = f.series;
        }
        limits.checkSeries(series);
        long timestamp = jsonTimestamp(f, series);
        if (f.valueSeen) {
            if (f.valueToken != JsonToken.VALUE_NUMBER_INT && f.valueToken != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new InvalidEventException(DeadLetterKind.INVALID_VALUE, "value of series " + quote(series)
                        + " is not a number: " + f.valueText);
            }
            return List.of(event(series, timestamp, f.value, keyId != null, recordTs, source));
        } else if (f.framePresent) {
            if (f.frameError != null) {
                throw new InvalidEventException(f.frameError.kind(), f.frameError.getMessage().replace("{series}",
                        quote(series)));
            }
            return features(series, timestamp, f.frame, recordTs, source);
        }
        throw new InvalidEventException(DeadLetterKind.MISSING_FIELD, "missing field value (or values) (series "
                + quote(series) + ")");
    }

    private static long jsonTimestamp(JsonEventReader.Fields f, String series) throws InvalidEventException {
        if (f.tsToken == null || f.tsToken == JsonToken.VALUE_NULL) {
            throw new InvalidEventException(DeadLetterKind.MISSING_FIELD, "missing field ts (series " + quote(series)
                    + ")");
        }
        if (f.tsToken == JsonToken.VALUE_NUMBER_INT) {
            if (f.tsOutOfRange) {
                throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + quote(series)
                        + " is out of range: " + quote(f.tsText));
            }
            return f.tsLong;
        }
        if (f.tsToken == JsonToken.VALUE_STRING) {
            return timestamp(f.tsText, series);
        }
        throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + quote(series)
                + " is neither ISO-8601 with an offset nor whole epoch milliseconds: " + f.tsText);
    }

    private List<ParsedEvent> parseCsv(String keyId, byte[] bytes, long recordTs, Source source)
            throws InvalidEventException {
        String[] fields = csvReader.read(bytes);
        String series = keyId != null ? keyId : fields[0];
        limits.checkSeries(series);
        long timestamp = timestamp(fields[1], series);
        if (!CSV_NUMBER.matcher(fields[2]).matches()) {
            // a decimal number as JSON writes it: Java's own parser would also take 0x1p3, 1.5f, NaN and Infinity
            throw new InvalidEventException(fields[2].isEmpty() ? DeadLetterKind.MISSING_FIELD
                    : DeadLetterKind.INVALID_VALUE, "value of series " + quote(series) + " is not a number: '"
                    + quote(fields[2]) + "'");
        }
        double value = Double.parseDouble(fields[2]);
        return List.of(event(series, timestamp, value, keyId != null, recordTs, source));
    }

    private ParsedEvent event(String series, long timestamp, double value, boolean keyed, long recordTs,
            Source source) throws InvalidEventException {
        limits.checkTime(series, timestamp, recordTs);
        if (!Double.isFinite(value)) {
            throw new InvalidEventException(DeadLetterKind.INVALID_VALUE, "value of series " + quote(series)
                    + " is not finite: " + value);
        }
        return new ParsedEvent(series, timestamp, value, keyed, source);
    }

    /** ISO-8601 with an offset ({@code Z} or {@code +01:00}) or epoch milliseconds. */
    private static long timestamp(String text, String series) throws InvalidEventException {
        String t = text.trim();
        if (!t.isEmpty() && (t.charAt(0) >= '0' && t.charAt(0) <= '9' || t.charAt(0) == '-') && t.chars().skip(1)
                .allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + quote(series)
                        + " is out of range: " + quote(t));
            }
        }
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            try {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e2) {
                throw new InvalidEventException(t.isEmpty() ? DeadLetterKind.MISSING_FIELD
                        : DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + quote(series)
                        + " is neither ISO-8601 with an offset nor epoch milliseconds in range: " + quote(t));
            }
        }
    }

    private List<ParsedEvent> features(String series, long timestamp, double[] frame, long recordTs, Source source)
            throws InvalidEventException {
        limits.checkTime(series, timestamp, recordTs);
        double[] f = audio.compute(frame);
        List<ParsedEvent> events = new ArrayList<>(f.length);
        for (int i = 0; i < f.length; i++) {
            String id = audio.subSeries(series, i);
            limits.checkSeries(id);
            // never "keyed": the record's key is the frame's series, not the feature's, so each feature goes
            // through the repartition topic and lives on the partition its own id hashes to — where
            // interactive queries (and every other instance) look for it
            events.add(event(id, timestamp, f[i], false, recordTs, source));
        }
        return events;
    }

    private static int firstNonBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return b;
            }
        }
        return -1;
    }

}
