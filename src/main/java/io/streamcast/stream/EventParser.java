package io.streamcast.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import io.streamcast.series.AudioFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 * Not thread-safe (the feature extractor caches FFT plans): one parser per stream task.
 */
final class EventParser {
    private static final ObjectReader JSON = new ObjectMapper().reader();
    private static final ObjectReader CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).readerFor(String[].class);

    private final ServiceConfig.InputFormat format;
    private final int maxIdLength;
    private final int maxFrame;
    private final AudioFeatures audio;

    EventParser(ServiceConfig config) {
        this(config.inputFormat(), config.maxSeriesIdLength(), config.audio());
    }

    EventParser(ServiceConfig.InputFormat format, int maxIdLength, ServiceConfig.Audio audio) {
        this.format = Objects.requireNonNull(format, "format");
        this.maxIdLength = maxIdLength;
        this.maxFrame = audio.maxFrame();
        this.audio = audio.features();
    }

    /** One event, or one per audio feature for a frame, in {@link AudioFeatures#names()} order. */
    List<ParsedEvent> parse(byte[] key, byte[] value, Source source) throws InvalidEventException {
        if (value == null || value.length == 0) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "empty record value");
        }
        String keyId = key == null || key.length == 0 ? null : new String(key, StandardCharsets.UTF_8);
        boolean json = switch (format) {
            case JSON -> true;
            case CSV -> false;
            case AUTO -> firstNonBlank(value) == '{' || firstNonBlank(value) == '[';
        };
        return json ? parseJson(keyId, value, source) : parseCsv(keyId, value, source);
    }

    private List<ParsedEvent> parseJson(String keyId, byte[] bytes, Source source) throws InvalidEventException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "not valid JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "JSON event must be an object with series, "
                    + "ts and value");
        }
        String series = keyId != null ? keyId : textField(root, "series");
        checkSeries(series);
        JsonNode ts = root.get("ts");
        if (ts == null || ts.isNull()) {
            throw new InvalidEventException(DeadLetterKind.MISSING_FIELD, "missing field ts (series " + series + ")");
        }
        long timestamp = ts.isIntegralNumber() ? ts.asLong() : timestamp(ts.isTextual() ? ts.asText() : ts.toString(),
                series);
        JsonNode v = root.get("value");
        JsonNode frame = root.get("values");
        if (v != null && !v.isNull()) {
            if (!v.isNumber()) {
                throw new InvalidEventException(DeadLetterKind.INVALID_VALUE, "value of series " + series
                        + " is not a number: " + v);
            }
            return List.of(event(series, timestamp, v.asDouble(), keyId != null, source));
        } else if (frame != null && !frame.isNull()) {
            return features(series, timestamp, frame(frame, series), source);
        } else {
            throw new InvalidEventException(DeadLetterKind.MISSING_FIELD, "missing field value (or values) (series "
                    + series + ")");
        }
    }

    private List<ParsedEvent> parseCsv(String keyId, byte[] bytes, Source source) throws InvalidEventException {
        String[] fields;
        try {
            List<String[]> rows = CSV.<String[]>readValues(bytes).readAll();
            if (rows.size() != 1) {
                throw new InvalidEventException(DeadLetterKind.MALFORMED, "CSV event must be one line series,ts,value"
                        + " but has " + rows.size() + " lines");
            }
            fields = rows.get(0);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "not valid CSV: " + firstLine(e));
        } catch (IOException e) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "unreadable CSV: " + firstLine(e));
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
        double value;
        try {
            value = Double.parseDouble(fields[2]);
        } catch (NumberFormatException e) {
            throw new InvalidEventException(fields[2].isEmpty() ? DeadLetterKind.MISSING_FIELD
                    : DeadLetterKind.INVALID_VALUE, "value of series " + series + " is not a number: '" + fields[2] + "'");
        }
        return List.of(event(series, timestamp, value, keyId != null, source));
    }

    private static ParsedEvent event(String series, long timestamp, double value, boolean keyed, Source source)
            throws InvalidEventException {
        if (timestamp < 0) {
            throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + series
                    + " is before 1970 (" + timestamp + " ms): Kafka record timestamps cannot be negative");
        }
        if (!Double.isFinite(value)) {
            throw new InvalidEventException(DeadLetterKind.INVALID_VALUE, "value of series " + series + " is not "
                    + "finite: " + value);
        }
        return new ParsedEvent(series, timestamp, value, keyed, source);
    }

    private static String textField(JsonNode root, String name) throws InvalidEventException {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            throw new InvalidEventException(DeadLetterKind.MISSING_FIELD, "missing field " + name
                    + " and the record has no key");
        }
        if (!n.isTextual() && !n.isNumber()) {
            throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "field " + name + " must be a string: " + n);
        }
        return n.asText();
    }

    private void checkSeries(String series) throws InvalidEventException {
        if (series.isBlank()) {
            throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "series id is empty");
        }
        if (series.length() > maxIdLength) {
            throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "series id has " + series.length()
                    + " characters, more than the " + maxIdLength + " allowed (starts " + series.substring(0, Math.min(32, maxIdLength)) + ")");
        }
    }

    /** ISO-8601 with an offset ({@code Z} or {@code +01:00}) or epoch milliseconds. */
    private static long timestamp(String text, String series) throws InvalidEventException {
        String t = text.trim();
        if (!t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-') && t.chars().skip(1)
                .allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + series
                        + " is out of range: " + t);
            }
        }
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new InvalidEventException(t.isEmpty() ? DeadLetterKind.MISSING_FIELD
                        : DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + series
                        + " is neither ISO-8601 with an offset nor epoch milliseconds: '" + t + "'");
            }
        }
    }

    private double[] frame(JsonNode frame, String series) throws InvalidEventException {
        if (!frame.isArray() || frame.size() < 2) {
            throw new InvalidEventException(DeadLetterKind.INVALID_VALUE, "values of series " + series
                    + " must be an array of at least 2 numbers (an audio frame)");
        }
        if (frame.size() > maxFrame) {
            throw new InvalidEventException(DeadLetterKind.INVALID_VALUE, "values of series " + series + " has "
                    + frame.size() + " samples, more than streamcast.audio.max-frame (" + maxFrame + ")");
        }
        double[] samples = new double[frame.size()];
        for (int i = 0; i < samples.length; i++) {
            JsonNode x = frame.get(i);
            if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                throw new InvalidEventException(DeadLetterKind.INVALID_VALUE, "values[" + i + "] of series " + series
                        + " is not a finite number: " + x);
            }
            samples[i] = x.asDouble();
        }
        return samples;
    }

    private List<ParsedEvent> features(String series, long timestamp, double[] frame, Source source)
            throws InvalidEventException {
        double[] f = audio.compute(frame);
        List<ParsedEvent> events = new ArrayList<>(f.length);
        for (int i = 0; i < f.length; i++) {
            String id = audio.subSeries(series, i);
            checkSeries(id);
            // never "keyed": the record's key is the frame's series, not the feature's, so each feature goes
            // through the repartition topic and lives on the partition its own id hashes to — where
            // interactive queries (and every other instance) look for it
            events.add(event(id, timestamp, f[i], false, source));
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

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
