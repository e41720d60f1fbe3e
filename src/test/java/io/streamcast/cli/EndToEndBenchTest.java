package io.streamcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} end to end on a tiny configuration through the embedded broker: the figures it
 * reports are internally consistent (every event sent gives one output, every series is seen, the
 * state read from the stores adds up). It asserts no speed: that is what it measures.
 */
class EndToEndBenchTest {
    private static final int SERIES = 20;

    @TempDir
    Path tmp;

    @Test
    void shouldMeasurePassthroughAndArThroughTheBrokerWithConsistentFigures() throws Exception {
        Path json = tmp.resolve("bench.json");
        CliRun r = CliRun.of("bench", "--stage", "passthrough,ar", "--series", Integer.toString(SERIES), "--events", "1000",
                "--warmup", "200", "--warmup-chunks", "1", "--paced-events", "200", "--horizon", "5", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| passthrough |") && r.out().contains("| ar |"), r.out());
        assertTrue(r.out().contains("target ar >= 60% of passthrough"), r.out());

        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(SERIES, doc.get("series").asInt());
        assertEquals(1000, doc.get("events").asLong());
        JsonNode stages = doc.get("stages");
        assertEquals(2, stages.size());
        for (JsonNode s : stages) {
            String what = s.toString();
            long warmup = s.get("warmupEvents").asLong();
            assertEquals(200, warmup, "one warm-up chunk: " + what);
            assertEquals(warmup + 1000 + 200, s.get("eventsSent").asLong(), what);
            assertEquals(s.get("eventsSent").asLong(), s.get("outputsSeen").asLong(), "one output per event, none twice: "
                    + what);
            assertEquals(SERIES, s.get("seriesSeen").asInt(), what);
            assertEquals(0, s.get("deadLetters").asLong(), what);
            assertTrue(s.get("eventsPerSecond").asDouble() > 0, what);
            assertEquals(s.get("drainEvents").asDouble() / s.get("drainSeconds").asDouble(),
                    s.get("eventsPerSecond").asDouble(), 1e-6 * s.get("eventsPerSecond").asDouble(), what);
            assertTrue(s.get("processCpuSeconds").asDouble() >= s.get("streamThreadCpuSeconds").asDouble()
                    && s.get("streamThreadCpuSeconds").asDouble() > 0, what);
            JsonNode latency = s.get("latency");
            assertEquals(200, latency.get("events").asLong(), what);
            double p50 = latency.get("p50Ms").asDouble();
            double p99 = latency.get("p99Ms").asDouble();
            assertTrue(0 < p50 && p50 <= p99 && p99 <= latency.get("maxMs").asDouble(), what);
            assertEquals(s.get("eventsPerSecond").asDouble() / 2, latency.get("rate").asDouble(), 1e-6, what);
            assertTrue(s.get("liveHeapBytes").asLong() > 0 && s.get("rssBytes").asLong() > s.get("liveHeapBytes").asLong(),
                    what);
        }
        JsonNode passthrough = stages.get(0);
        JsonNode ar = stages.get(1);
        assertEquals(1.0, passthrough.get("ratioToPassthrough").asDouble(), 1e-12);
        assertEquals(1.0, passthrough.get("cpuRatioToPassthrough").asDouble(), 1e-12);
        assertEquals(ar.get("eventsPerSecond").asDouble() / passthrough.get("eventsPerSecond").asDouble(),
                ar.get("ratioToPassthrough").asDouble(), 1e-9);
        assertEquals(0, passthrough.get("state").get("series").asLong(), "the passthrough keeps no state");

        JsonNode state = ar.get("state");
        assertEquals(SERIES, state.get("series").asLong());
        double parts = state.get("engineBytesPerSeries").asDouble() + state.get("detectorBytesPerSeries").asDouble()
                + state.get("pendingForecastBytesPerSeries").asDouble();
        assertTrue(state.get("engineBytesPerSeries").asDouble() > 0 && state.get("detectorBytesPerSeries").asDouble() > 0
                && parts < state.get("seriesStoreBytesPerSeries").asDouble(), state.toString());
        assertEquals(state.get("seriesStoreBytesPerSeries").asDouble() + state.get("resampleBytesPerSeries").asDouble()
                + state.get("latestForecastBytesPerSeries").asDouble(), state.get("bytesPerSeries").asDouble(), 1e-6);
        assertEquals(0, state.get("checkpointStoreBytes").asLong(), "AR shares nothing to checkpoint");
    }

    @Test
    void shouldRefuseAnUnknownStageAsBadUsage() {
        CliRun r = CliRun.of("bench", "--stage", "passthrough,nope");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'nope'"), r.err());
    }

    @Test
    void shouldRefuseAnUnknownServiceKeyAsBadUsageNamingIt() {
        CliRun r = CliRun.of("bench", "--stage", "ar", "-D", "streamcast.no-such-key=1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("streamcast.no-such-key"), r.err());
    }
}
