package io.streamcast.stream;

import static io.streamcast.stream.Reasons.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.streamcast.series.AudioFeatures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
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
 * <p>Hostile input costs no more than the record it came in: a record over
 * {@code streamcast.input.max-bytes} is refused before any parsing; JSON is read as a token stream
 * ({@link JsonEventReader}: no tree, a frame never held beyond {@code max-frame} samples, strings and
 * nesting bounded as Jackson reads); a key longer than the id limit is refused undecoded. An event time is judged against the record's own timestamp ({@link ServiceConfig.InputLimits}) so that one
 * event from a broken clock cannot move its series' event time far ahead and make every later good event
 * late. Reasons quote at most {@value Reasons#QUOTE} characters of the input, control characters escaped.
 * Not thread-safe (the feature extractor caches FFT plans): one parser per stream task.
 */
final class EventParser {
    /** 9999-12-31T23:59:59.999Z: later times overflow date arithmetic downstream and are no one's clock. */
    static final long MAX_TIMESTAMP = 253_402_300_799_999L;
    private static final Pattern CSV_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final JsonEventReader jsonReader;
    private final ObjectReader csv;

    private final ServiceConfig.InputFormat format;
    private final int maxIdLength;
    private final int maxFrame;
    private final AudioFeatures audio;
    private final int maxBytes;
    private final long maxAhead;
    private final long maxBehind;

    EventParser(ServiceConfig config) {
        this(config.inputFormat(), config.maxSeriesIdLength(), config.audio(), config.inputLimits());
    }

    EventParser(ServiceConfig.InputFormat format, int maxIdLength, ServiceConfig.Audio audio,
            ServiceConfig.InputLimits limits) {
        this.format = Objects.requireNonNull(format, "format");
        this.maxIdLength = maxIdLength;
        this.maxFrame = audio.maxFrame();
        this.audio = audio.features();
        this.maxBytes = limits.maxBytes();
        this.maxAhead = millis(limits.maxAhead());
        this.maxBehind = millis(limits.maxBehind());
        // a string we read (series, ts) may be a little longer than an id, so the reason can say by how much;
        // a longer one stops the parser as it reads instead of being copied whole into memory
        int maxString = Math.max(1024, maxIdLength);
        this.jsonReader = new JsonEventReader(maxIdLength, maxString, maxFrame);
        this.csv = new CsvMapper(CsvFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(maxString).build()).build())
                .enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.TRIM_SPACES)
                .readerFor(String[].class);
    }

    /**
     * One event, or one per audio feature for a frame, in {@link AudioFeatures#names()} order.
     * {@code recordTimestamp} is the record's own timestamp (negative: none, the window is not checked).
     */
    List<ParsedEvent> parse(byte[] key, byte[] value, Headers headers, long recordTimestamp, Source source)
            throws InvalidEventException {
        long size = size(key, value, headers);
        if (size > maxBytes) {
            throw new InvalidEventException(DeadLetterKind.TOO_LARGE, "record of " + size + " bytes (key, value and "
                    + "headers) is larger than streamcast.input.max-bytes (" + maxBytes + "); not parsed");
        }
        if (value == null || value.length == 0) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "empty record value");
        }
        String keyId = key == null || key.length == 0 ? null : keyId(key);
        boolean json = switch (format) {
            case JSON -> true;
            case CSV -> false;
            case AUTO -> firstNonBlank(value) == '{' || firstNonBlank(value) == '[';
        };
        return json ? parseJson(keyId, value, recordTimestamp, source)
                : parseCsv(keyId, value, recordTimestamp, source);
    }

    /** Key, value and header bytes: what a record costs before anything of it is parsed. */
    static long size(byte[] key, byte[] value, Headers headers) {
        long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        if (headers != null) {
            for (Header h : headers) {
                size += h.key().length() + (h.value() == null ? 0 : h.value().length);
            }
        }
        return size;
    }

    private String keyId(byte[] key) throws InvalidEventException {
        // a UTF-16 unit takes at most 3 UTF-8 bytes: a longer key cannot be a valid id, so it is not decoded
        if (key.length > 3L * maxIdLength) {
            throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "record key has " + key.length
                    + " bytes, longer than a series id of streamcast.series.max-id-length (" + maxIdLength
                    + ") characters can be");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "record key is not valid UTF-8: "
                    + e.getMessage());
        }
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
        checkSeries(series);
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
        String[] fields;
        try (MappingIterator<String[]> rows = csv.readValues(bytes)) {
            // the first row and whether there is a second: a record of many lines is not read to its end
            if (!rows.hasNextValue()) {
                throw new InvalidEventException(DeadLetterKind.MALFORMED, "CSV event must be one line series,ts,value"
                        + " but has none");
            }
            fields = rows.nextValue();
            if (rows.hasNextValue()) {
                throw new InvalidEventException(DeadLetterKind.MALFORMED, "CSV event must be one line series,ts,value"
                        + " but has more");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "not valid CSV: " + Reasons.firstLine(e));
        } catch (IOException | RuntimeException e) {
            // Jackson wraps I/O errors of hasNextValue (e.g. invalid UTF-8) in RuntimeJsonMappingException
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "unreadable CSV: " + Reasons.firstLine(e));
        }
        if (fields.length != 3) {
            throw new InvalidEventException(fields.length < 3 ? DeadLetterKind.MISSING_FIELD : DeadLetterKind.MALFORMED,
                    "CSV event must have 3 fields series,ts,value but has " + fields.length);
        }
        if (fields[0].equalsIgnoreCase("series") && fields[1].equalsIgnoreCase("ts")) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "CSV header line, not an event");
        }
        String series = keyId != null ? keyId : fields[0];
        checkSeries(series);
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
        checkTime(series, timestamp, recordTs);
        if (!Double.isFinite(value)) {
            throw new InvalidEventException(DeadLetterKind.INVALID_VALUE, "value of series " + quote(series)
                    + " is not finite: " + value);
        }
        return new ParsedEvent(series, timestamp, value, keyed, source);
    }

    private void checkTime(String series, long ts, long recordTs) throws InvalidEventException {
        if (ts < 0) {
            throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + quote(series)
                    + " is before 1970 (" + ts + " ms): Kafka record timestamps cannot be negative");
        }
        if (ts > MAX_TIMESTAMP) {
            throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + quote(series)
                    + " is after the year 9999 (" + ts + " ms)");
        }
        if (recordTs < 0) {
            return;
        }
        if (maxAhead > 0 && ts - recordTs > maxAhead) {
            throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + quote(series) + " ("
                    + Instant.ofEpochMilli(ts) + ") is " + Duration.ofMillis(ts - recordTs) + " ahead of its record's "
                    + "timestamp (" + Instant.ofEpochMilli(recordTs) + "), more than streamcast.input.max-ahead ("
                    + Duration.ofMillis(maxAhead) + ")");
        }
        if (maxBehind > 0 && recordTs - ts > maxBehind) {
            throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + quote(series) + " ("
                    + Instant.ofEpochMilli(ts) + ") is " + Duration.ofMillis(recordTs - ts) + " behind its record's "
                    + "timestamp (" + Instant.ofEpochMilli(recordTs) + "), more than streamcast.input.max-behind ("
                    + Duration.ofMillis(maxBehind) + ")");
        }
    }

    /**
     * An id must be printable text: control characters break logs, URLs and metric labels, and an unpaired
     * surrogate cannot be written as UTF-8 (the output key would differ from the id).
     */
    private void checkSeries(String series) throws InvalidEventException {
        if (series.isBlank()) {
            throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "series id is empty");
        }
        if (series.length() > maxIdLength) {
            throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "series id has " + series.length()
                    + " characters, more than the " + maxIdLength + " allowed (starts "
                    + quote(series.substring(0, Math.min(32, maxIdLength))) + ")");
        }
        for (int i = 0; i < series.length(); i++) {
            char c = series.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "series id " + quote(series)
                        + " holds the control character U+" + String.format("%04X", (int) c) + " at " + i);
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < series.length()
                        && Character.isLowSurrogate(series.charAt(i + 1));
                if (!paired) {
                    throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "series id " + quote(series)
                            + " holds an unpaired surrogate U+" + String.format("%04X", (int) c) + " at " + i);
                }
                i++;
            }
        }
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
        checkTime(series, timestamp, recordTs);
        double[] f = audio.compute(frame);
        List<ParsedEvent> events = new ArrayList<>(f.length);
        for (int i = 0; i < f.length; i++) {
            String id = audio.subSeries(series, i);
            checkSeries(id);
            // never "keyed": the record's key is the frame's series, not the feature's, so each feature goes
            // through the repartition topic and lives on the partition its own id hashes to — where
            // interactive queries (and every other instance) look for it
            events.add(event(id, timestamp, f[i], false, recordTs, source));
        }
        return events;
    }

    private static long millis(Duration d) {
        return d.isZero() ? 0 : Math.max(1, d.toMillis());
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
