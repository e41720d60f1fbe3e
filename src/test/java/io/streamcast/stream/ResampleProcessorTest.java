package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Event-time resampling inside the production topology: late events, order, gaps and per-series rules. */
class ResampleProcessorTest {

    private static List<String> origins(List<JsonNode> forecasts) {
        return forecasts.stream().map(f -> f.get("origin").asText()).toList();
    }

    @Test
    void shouldDeadLetterALateEventWithItsSourceCoordinatesAndCountIt() throws IOException {
        try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.resample.step", "1m",
                "streamcast.resample.grace", "10s", "streamcast.batch.size", "1"))) {
            h.event("s", 0, 1);
            h.event("s", 65, 2);
            h.event("s", 75, 3);
            h.event("s", 30, 4);
            List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
            assertEquals(1, dead.size());
            TestRecord<byte[], byte[]> d = dead.get(0);
            assertEquals("late", TopologyHarness.header(d.headers(), DeadLetters.KIND));
            assertEquals("streamcast.events", TopologyHarness.header(d.headers(), DeadLetters.TOPIC));
            assertEquals("3", TopologyHarness.header(d.headers(), DeadLetters.OFFSET));
            assertTrue(TopologyHarness.header(d.headers(), DeadLetters.REASON).startsWith("late event of series s"));
            JsonNode value = TopologyHarness.JSON.readTree(d.value());
            assertEquals("s", value.get("series").asText());
            assertEquals("2026-11-23T15:00:30Z", value.get("ts").asText());
            assertEquals(4.0, value.get("value").asDouble());
            assertEquals("s", new String(d.key(), StandardCharsets.UTF_8));
            assertEquals(List.of("2026-11-23T15:00:00Z"), origins(h.forecasts()));
            assertEquals(1, h.metrics.count("event:late"));
            assertEquals(3, h.metrics.count("event:accepted"), "each input counted once");
        }
    }

    @Test
    void shouldPutOutOfOrderEventsInOrderWithinTheGraceBeforeForecasting() {
        try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.resample.grace", "5s",
                "streamcast.batch.size", "1"))) {
            h.event("s", 10, 1);
            h.event("s", 12, 2);
            h.event("s", 11, 3);
            h.event("s", 20, 4);
            assertEquals(List.of("2026-11-23T15:00:10Z", "2026-11-23T15:00:11Z", "2026-11-23T15:00:12Z"),
                    origins(h.forecasts()));
            assertTrue(h.deadLetters().isEmpty());
        }
    }

    @Test
    void shouldLearnFilledStepsButNeitherForecastNorScoreThem() {
        try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.resample.step", "1m",
                "streamcast.resample.gap", "fill", "streamcast.batch.size", "1"))) {
            h.event("s", 0, 1);
            h.event("s", 60, 2);
            h.event("s", 240, 5);
            h.event("s", 300, 6);
            List<JsonNode> forecasts = h.forecasts();
            assertEquals(List.of("2026-11-23T15:00:00Z", "2026-11-23T15:01:00Z", "2026-11-23T15:04:00Z"),
                    origins(forecasts));
            assertEquals(List.of(1.0, 2.0, 5.0), h.scores().stream().map(s -> s.get("value").asDouble()).toList());
        }
    }

    @Test
    void shouldForgetTheModelAfterAGapWhenTheGapPolicyIsReset() {
        for (String policy : List.of("skip", "reset")) {
            try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.resample.step", "1m",
                    "streamcast.resample.gap", policy, "streamcast.batch.size", "1"))) {
                for (int i = 0; i < 40; i++) {
                    h.event("s", 60L * i, 10 + Math.sin(i / 3.0));
                }
                h.event("s", 60L * 45, 10);
                h.event("s", 60L * 46, 10);
                List<JsonNode> scores = h.scores();
                JsonNode afterGap = scores.get(scores.size() - 1);
                assertEquals("2026-11-23T15:45:00Z", afterGap.get("ts").asText());
                assertEquals(policy.equals("reset"), afterGap.get("expected").isNull(),
                        policy + ": " + afterGap);
            }
        }
    }

    @Test
    void shouldResampleEachSeriesWithTheStepOfItsFirstMatchingRule() {
        try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.resample.step", "1m",
                "streamcast.rules.a-fast.match", "fast-*", "streamcast.rules.a-fast.step", "1s",
                "streamcast.rules.b-all.match", "*", "streamcast.rules.b-all.step", "10s",
                "streamcast.batch.size", "1"))) {
            for (int t = 0; t < 3; t++) {
                h.event("fast-1", t, t);
                h.event("other", t, t);
            }
            List<JsonNode> forecasts = h.forecasts();
            assertEquals(2, forecasts.size(), forecasts::toString);
            forecasts.forEach(f -> {
                assertEquals("fast-1", f.get("series").asText());
                assertEquals("PT1S", f.get("step").asText());
            });
        }
    }

    @Test
    void shouldSpaceForecastPointsByTheSeriesOwnEventSpacingWhenEveryEventIsAStep() {
        try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.batch.size", "1", "streamcast.horizon", "2"))) {
            for (int i = 0; i < 20; i++) {
                h.send("mic-1", "{\"ts\":" + (1_795_532_400_000L + 250L * i) + ",\"value\":" + (i % 3) + "}");
            }
            List<JsonNode> forecasts = h.forecasts();
            JsonNode last = forecasts.get(forecasts.size() - 1);
            assertEquals("PT0.25S", last.get("step").asText());
            assertEquals("2026-11-24T15:00:05.250Z", last.get("points").get(1).get("ts").asText());
            assertEquals("PT0S", forecasts.get(0).get("step").asText(), "no spacing known after one event");
        }
    }
}
