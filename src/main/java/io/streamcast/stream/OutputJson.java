package io.streamcast.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.streamcast.anomaly.Reason;
import io.streamcast.model.Forecast;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The JSON of the output topics (DESIGN.md contracts). Non-finite numbers (a model still warming up
 * has no interval) are written as {@code null}, never as a string.
 *
 * <pre>
 * forecast: {"series","model","origin","step","points":[{"ts","mean","lo","hi"}, ...]}
 * anomaly and score: {"series","ts","value","expected","score","flag","model"}, and when the score is
 *   above 0 the reason: "reason": {"kind","expected","actual","scale"} (kind: spike, level-shift,
 *   variance, trend, flatline, silence, flood, seasonal-break; scale in observations)
 * </pre>
 */
final class OutputJson {
    private static final JsonFactory JSON = new JsonFactory();

    private OutputJson() {}

    static byte[] forecast(String series, Forecast f, long origin, long stepMs) {
        if (AsciiJson.plain(series) && AsciiJson.plain(f.model())) {
            return plainForecast(series, f, origin, stepMs);
        }
        return generatedForecast(series, f, origin, stepMs);
    }

    /** {@link #forecast} without Jackson's generator, for ids and model names that need no escaping: the same bytes. */
    private static byte[] plainForecast(String series, Forecast f, long origin, long stepMs) {
        AsciiJson j = new AsciiJson(96 + 110 * f.horizon());
        j.raw("{\"series\":").string(series).raw(",\"model\":").string(f.model()).raw(",\"origin\":").instant(origin)
                .raw(",\"step\":").string(Duration.ofMillis(stepMs).toString()).raw(",\"points\":[");
        for (int h = 1; h <= f.horizon(); h++) {
            j.raw(h == 1 ? "{\"ts\":" : ",{\"ts\":").instant(origin + h * stepMs).raw(",\"mean\":").number(f.mean(h))
                    .raw(",\"lo\":").number(f.lo(h)).raw(",\"hi\":").number(f.hi(h)).raw("}");
        }
        return j.raw("]}").toByteArray();
    }

    /** {@link #forecast} through Jackson's generator, which escapes any string. */
    static byte[] generatedForecast(String series, Forecast f, long origin, long stepMs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + 80 * f.horizon());
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("series", series);
            g.writeStringField("model", f.model());
            g.writeStringField("origin", Instant.ofEpochMilli(origin).toString());
            g.writeStringField("step", Duration.ofMillis(stepMs).toString());
            g.writeArrayFieldStart("points");
            for (int h = 1; h <= f.horizon(); h++) {
                g.writeStartObject();
                g.writeStringField("ts", Instant.ofEpochMilli(origin + h * stepMs).toString());
                number(g, "mean", f.mean(h));
                number(g, "lo", f.lo(h));
                number(g, "hi", f.hi(h));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] score(String series, long ts, double value, double expected, double score, boolean flag,
            String model) {
        return score(series, ts, value, expected, score, flag, model, null);
    }

    static byte[] score(String series, long ts, double value, double expected, double score, boolean flag,
            String model, Reason reason) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("series", series);
            g.writeStringField("ts", Instant.ofEpochMilli(ts).toString());
            number(g, "value", value);
            number(g, "expected", expected);
            number(g, "score", score);
            g.writeBooleanField("flag", flag);
            g.writeStringField("model", model);
            if (reason != null) {
                g.writeObjectFieldStart("reason");
                g.writeStringField("kind", reason.kind().label());
                number(g, "expected", reason.expected());
                number(g, "actual", reason.actual());
                g.writeNumberField("scale", reason.scale());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A number, or {@code null} when it is not finite. */
    static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }
}
