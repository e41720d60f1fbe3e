package io.streamcast.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The one writer of event JSON, {@code {"series","ts","value"}} ({@code "values"} for a frame), UTF-8:
 * the input contract as a producer writes it ({@link Time#EPOCH_MILLIS}: the bench's load, replays) and an
 * event as the service writes it back ({@link Time#ISO}: the dead letters of late events and of steps a model
 * failed on, the bench's passthrough). A non-finite value is written as {@code null}, never as a string.
 */
public final class EventJson {
    /** Characters outside the BMP as UTF-8, as a String's bytes have them, not as escaped surrogate pairs. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /** How {@code ts} is written. */
    public enum Time {
        /** ISO-8601 text, {@code "2026-11-23T15:00:00.250Z"}. */
        ISO,
        /** A number, epoch milliseconds. */
        EPOCH_MILLIS
    }

    private EventJson() {}

    /** One value of {@code series} at {@code ts} (epoch ms). */
    public static byte[] event(String series, long ts, Time time, double value) {
        return write(series, ts, time, value, null);
    }

    /** A frame of {@code series} at {@code ts} (epoch ms), its time written as a number like a producer's. */
    public static byte[] frame(String series, long ts, double[] values) {
        return write(series, ts, Time.EPOCH_MILLIS, Double.NaN, values);
    }

    private static byte[] write(String series, long ts, Time time, double value, double[] values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(values == null ? 80 : 48 + 24 * values.length);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("series", series);
            if (time == Time.ISO) {
                g.writeStringField("ts", Instant.ofEpochMilli(ts).toString());
            } else {
                g.writeNumberField("ts", ts);
            }
            if (values == null) {
                OutputJson.number(g, "value", value);
            } else {
                g.writeArrayFieldStart("values");
                for (double v : values) {
                    if (Double.isFinite(v)) {
                        g.writeNumber(v);
                    } else {
                        g.writeNull();
                    }
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
