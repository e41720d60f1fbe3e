package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forecasts, settlement and the query store for a recorded machine-temperature series (NAB, with a
 * real fault), replayed once through the production topology in 5-minute steps, batches of 32.
 */
class ForecastProcessorTest {
    private static final int HORIZON = 6;
    private static List<String> lines;
    private static TopologyHarness h;
    private static List<JsonNode> forecasts;
    private static List<JsonNode> scores;
    private static List<JsonNode> anomalies;

    static List<String> fixture() throws IOException {
        try (InputStream in = ForecastProcessorTest.class.getResourceAsStream("/fixtures/machine-temperature-fault.csv")) {
            List<String> all = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return all.subList(1, all.size());
        }
    }

    @BeforeAll
    static void replay() throws IOException {
        lines = fixture();
        // This 1 296-row slice (4.5 days) ends inside the fault's window; with that little history the fault
        // scores under the default threshold (0.16, best on nab-dev), as do the unlabelled dips the day
        // before (docs/anomalies.md): the test below ranks scores instead of reading flags.
        h = new TopologyHarness(Map.of("streamcast.resample.step", "PT5M", "streamcast.horizon",
                Integer.toString(HORIZON), "streamcast.batch.size", "32", "streamcast.anomaly.threshold", "0.1"));
        lines.forEach(l -> h.send(null, l));
        h.driver.advanceWallClockTime(Duration.ofSeconds(1));
        forecasts = h.forecasts();
        scores = h.scores();
        anomalies = h.anomalies();
    }

    @Test
    void shouldScoreTheRecordedFaultAmongTheSlicesStrongestIncidents() {
        // NAB's labelled window for the machine-temperature fault in this slice.
        Instant start = Instant.parse("2013-12-10T06:25:00Z");
        Instant end = Instant.parse("2013-12-12T05:35:00Z");
        double inWindow = scores.stream().filter(s -> {
            Instant ts = Instant.parse(s.get("ts").asText());
            return !ts.isBefore(start) && !ts.isAfter(end);
        }).mapToDouble(s -> s.get("score").asDouble()).max().orElse(0);
        long higherOutside = scores.stream().filter(s -> {
            Instant ts = Instant.parse(s.get("ts").asText());
            return (ts.isBefore(start) || ts.isAfter(end)) && s.get("score").asDouble() > inWindow;
        }).count();
        assertTrue(higherOutside <= 1, "the fault (" + inWindow + ") is the slice's first or second incident; "
                + higherOutside + " scores outside the window are higher");
        assertTrue(anomalies.stream().anyMatch(a -> {
            Instant ts = Instant.parse(a.get("ts").asText());
            return !ts.isBefore(start) && !ts.isAfter(end);
        }), () -> "flagged at threshold 0.1: " + anomalies);
    }

    @AfterAll
    static void close() {
        h.close();
    }

    @Test
    void shouldPublishOneForecastPerClosedStepInTimeOrder() {
        // The recording has no gaps and no duplicates; the last 5-minute window is still open.
        assertEquals(lines.size() - 1, forecasts.size());
        Instant previous = Instant.MIN;
        for (JsonNode f : forecasts) {
            Instant origin = Instant.parse(f.get("origin").asText());
            assertTrue(origin.isAfter(previous), "origins increase: " + origin + " after " + previous);
            previous = origin;
            assertEquals("machine-temp", f.get("series").asText());
            assertEquals("ar", f.get("model").asText());
            assertEquals("PT5M", f.get("step").asText());
            JsonNode points = f.get("points");
            assertEquals(HORIZON, points.size());
            for (int k = 0; k < HORIZON; k++) {
                JsonNode p = points.get(k);
                assertEquals(origin.plus(Duration.ofMinutes(5L * (k + 1))), Instant.parse(p.get("ts").asText()));
                assertTrue(p.get("mean").isNumber(), p::toString);
                if (p.get("lo").isNumber()) {
                    assertTrue(p.get("lo").asDouble() <= p.get("mean").asDouble()
                            && p.get("mean").asDouble() <= p.get("hi").asDouble(), p::toString);
                }
            }
        }
        assertEquals(Instant.parse("2013-12-11T11:50:00Z"), previous);
    }

    @Test
    void shouldSettleEveryForecastStepWhenItsObservationArrives() {
        int steps = forecasts.size();
        for (int k = 1; k <= HORIZON; k++) {
            final int hk = k;
            long settled = h.metrics.settled.stream().filter(s -> s[0] == hk).count();
            assertEquals(steps - k, settled, "settled forecasts of step " + k);
        }
        long inside = h.metrics.settled.stream().filter(s -> s[0] == 1 && s[2] == 1).count();
        double coverage = inside / (double) (steps - 1);
        // The intervals aim at 95 %; on this real series with a fault the one-step coverage stays near it.
        assertTrue(coverage > 0.85 && coverage < 0.99, "one-step coverage " + coverage);
    }

    @Test
    void shouldScoreEveryStepAndPublishTheFlaggedOnesAsAnomalies() {
        assertEquals(forecasts.size(), scores.size());
        List<JsonNode> flagged = scores.stream().filter(s -> s.get("flag").asBoolean()).toList();
        assertEquals(flagged, anomalies);
        for (JsonNode s : scores) {
            double score = s.get("score").asDouble();
            assertTrue(score >= 0 && score <= 1, s::toString);
        }
        assertTrue(scores.get(0).get("expected").isNull(), "no expectation before the first value");
        assertTrue(scores.get(100).get("expected").isNumber());
    }

    @Test
    void shouldPassAnomalySettingsToTheDetectorAndPublishWhatItFlags() {
        List<Integer> counts = new java.util.ArrayList<>();
        for (String halfLife : List.of("1", "400")) {
            try (TopologyHarness low = new TopologyHarness(Map.of("streamcast.resample.step", "PT5M",
                    "streamcast.anomaly.threshold", "0.001", "streamcast.anomaly.half-life", halfLife,
                    "streamcast.batch.size", "1"))) {
                lines.subList(0, 400).forEach(l -> low.send(null, l));
                List<JsonNode> anomalies = low.anomalies();
                List<JsonNode> flagged = low.scores().stream().filter(s -> s.get("flag").asBoolean()).toList();
                assertEquals(flagged, anomalies);
                for (JsonNode a : anomalies) {
                    assertTrue(a.get("score").asDouble() >= 0.001, a::toString);
                    assertTrue(a.get("reason").get("kind").isTextual(), a::toString);
                    assertTrue(a.get("expected").isNumber(), a::toString);
                }
                assertEquals(anomalies.size(), low.metrics.count("anomaly:ar"));
                counts.add(anomalies.size());
            }
        }
        assertTrue(counts.get(1) >= 1, "flags at a low threshold: " + counts);
        assertTrue(counts.get(0) > counts.get(1), "a short memory of past surprises flags more often: " + counts);
    }

    @Test
    void shouldKeepTheLatestForecastOfEachSeriesForQueries() {
        KeyValueStore<String, String> latest = h.driver.getKeyValueStore(StreamcastTopology.LATEST_FORECAST_STORE);
        String json = latest.get("machine-temp");
        assertNotNull(json);
        assertEquals(forecasts.get(forecasts.size() - 1).toString(), json);
    }
}
