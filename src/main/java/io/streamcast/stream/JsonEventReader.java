package io.streamcast.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the fields of one JSON event from Jackson's token stream, never building a tree: a frame is held
 * only up to {@code max-frame} samples (past that its values are counted, not stored), the payload's
 * {@code series} is not even decoded when the record has a key, strings longer than {@code maxString}
 * and nesting deeper than {@value #MAX_DEPTH} stop the parser as it reads, and a field given twice or
 * anything after the event is refused. What the fields mean is {@link EventParser}'s business.
 */
final class JsonEventReader {
    /** Deep enough for any event (an object holding a frame) and for unknown fields a producer adds. */
    static final int MAX_DEPTH = 32;

    private final JsonFactory factory;
    private final int maxIdLength;
    private final int maxString;
    private final int maxFrame;

    JsonEventReader(int maxIdLength, int maxString, int maxFrame) {
        this.maxIdLength = maxIdLength;
        this.maxString = maxString;
        this.maxFrame = maxFrame;
        this.factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxStringLength(maxString).build()).build();
    }

    /** The fields as read; an error about a field's shape waits in it until the series id is known. */
    static final class Fields {
        String series;
        boolean seriesSeen;
        InvalidEventException seriesError;
        JsonToken tsToken;
        String tsText;
        long tsLong;
        boolean tsOutOfRange;
        boolean valueSeen;
        JsonToken valueToken;
        double value;
        String valueText;
        boolean framePresent;
        double[] frame;
        InvalidEventException frameError;
    }

    /** The fields of one event; {@code keyed}: the record has a key, which wins over the payload's series. */
    Fields read(byte[] bytes, boolean keyed) throws InvalidEventException {
        Fields f = new Fields();
        String field = null;
        try (JsonParser p = factory.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidEventException(DeadLetterKind.MALFORMED, "JSON event must be an object with series, "
                        + "ts and value");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                field = name;
                JsonToken t = p.nextToken();
                switch (name) {
                    case "series" -> {
                        once(f.seriesSeen, name);
                        if (!keyed) { // the key wins: the payload's id is not even decoded
                            readSeries(p, t, f);
                        } else {
                            f.seriesSeen = true;
                            p.skipChildren();
                        }
                    }
                    case "ts" -> {
                        once(f.tsToken != null, name);
                        readTs(p, t, f);
                    }
                    case "value" -> {
                        once(f.valueSeen, name);
                        readValue(p, t, f);
                    }
                    case "values" -> {
                        once(f.framePresent, name);
                        readFrame(p, t, f);
                    }
                    default -> p.skipChildren(); // fields we do not know are someone else's business
                }
            }
            if (p.nextToken() != null) {
                // two events in one record, or garbage after one: reading only the first would lose the rest silently
                throw new InvalidEventException(DeadLetterKind.MALFORMED, "content after the end of the JSON event "
                        + "(one event per record)");
            }
        } catch (StreamConstraintsException e) {
            if ("series".equals(field) && e.getMessage().contains("String value length")) {
                throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "series id is longer than " + maxString
                        + " characters (streamcast.series.max-id-length is " + maxIdLength + ")");
            }
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "not valid JSON: " + Reasons.firstLine(e));
        } catch (IOException e) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "not valid JSON: " + Reasons.firstLine(e));
        }
        return f;
    }

    /** A field given twice is ambiguous (readers disagree on which one counts): refused. */
    private static void once(boolean seen, String name) throws InvalidEventException {
        if (seen) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "field " + name + " appears twice");
        }
    }

    private void readSeries(JsonParser p, JsonToken t, Fields f) throws IOException {
        f.seriesSeen = true;
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            int length = p.getTextLength();
            if (length > maxIdLength) { // not copied into a String: the parser's buffer holds it (≤ maxString)
                f.seriesError = new InvalidEventException(DeadLetterKind.INVALID_SERIES, "series id has " + length
                        + " characters, more than the " + maxIdLength + " allowed (starts "
                        + Reasons.quote(text(p, Math.min(32, maxIdLength))) + ")");
            } else {
                f.series = p.getText();
            }
            return;
        }
        f.seriesError = new InvalidEventException(DeadLetterKind.INVALID_SERIES, "field series must be a string: "
                + describe(p, t));
        p.skipChildren();
    }

    private static void readTs(JsonParser p, JsonToken t, Fields f) throws IOException {
        f.tsToken = t;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = p.getNumberType();
            f.tsOutOfRange = type == JsonParser.NumberType.BIG_INTEGER;
            f.tsLong = f.tsOutOfRange ? 0 : p.getLongValue();
            f.tsText = p.getText();
        } else if (t == JsonToken.VALUE_STRING) {
            f.tsText = p.getText();
        } else {
            f.tsText = describe(p, t);
            p.skipChildren();
        }
    }

    private static void readValue(JsonParser p, JsonToken t, Fields f) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return; // as if absent: a frame may carry "value": null
        }
        f.valueSeen = true;
        f.valueToken = t;
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            f.value = p.getDoubleValue();
        } else {
            f.valueText = describe(p, t);
            p.skipChildren();
        }
    }

    /** Reads at most max-frame samples; past that only counts, so a huge frame costs no memory. */
    private void readFrame(JsonParser p, JsonToken t, Fields f) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        f.framePresent = true;
        if (t != JsonToken.START_ARRAY) {
            f.frameError = frameError("must be an array of at least 2 numbers (an audio frame)");
            p.skipChildren();
            return;
        }
        double[] samples = new double[Math.min(maxFrame, 256)];
        int n = 0;
        for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken()) {
            if (x == null) {
                throw new JsonParseException(p, "unexpected end of input in values");
            }
            if (f.frameError == null && n < maxFrame) {
                double v = x == JsonToken.VALUE_NUMBER_INT || x == JsonToken.VALUE_NUMBER_FLOAT ? p.getDoubleValue()
                        : Double.NaN;
                if (!Double.isFinite(v)) {
                    f.frameError = new InvalidEventException(DeadLetterKind.INVALID_VALUE, "values[" + n
                            + "] of series {series} is not a finite number: " + describe(p, x));
                }
                if (n == samples.length) {
                    samples = Arrays.copyOf(samples, Math.min(maxFrame, 2 * n));
                }
                samples[n] = v;
            }
            p.skipChildren();
            n++;
        }
        if (f.frameError != null) {
            return;
        }
        if (n < 2) {
            f.frameError = frameError("must be an array of at least 2 numbers (an audio frame)");
        } else if (n > maxFrame) {
            f.frameError = frameError("has " + n + " samples, more than streamcast.audio.max-frame (" + maxFrame + ")");
        } else {
            f.frame = n == samples.length ? samples : Arrays.copyOf(samples, n);
        }
    }

    private static InvalidEventException frameError(String what) {
        return new InvalidEventException(DeadLetterKind.INVALID_VALUE, "values of series {series} " + what);
    }

    /** A JSON token for a reason: its text, cut and escaped; containers by kind only (they may be huge). */
    private static String describe(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "\"" + Reasons.quote(text(p, Reasons.QUOTE + 1)) + "\"";
            default -> Reasons.quote(text(p, Reasons.QUOTE + 1));
        };
    }

    /** The first {@code max} characters of the current token, without copying the rest of a long string. */
    private static String text(JsonParser p, int max) throws IOException {
        int length = p.getTextLength();
        return length <= max ? p.getText() : new String(p.getTextCharacters(), p.getTextOffset(), max);
    }
}
