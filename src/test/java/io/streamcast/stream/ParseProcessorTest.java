package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parsing and dead letters, through the production topology with one event per step. */
class ParseProcessorTest {
    private final TopologyHarness h = new TopologyHarness(Map.of("streamcast.batch.size", "1"));

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void shouldForecastAJsonEventWithIsoTimestamp() {
        h.send("sensor-7", "{\"series\":\"sensor-7\",\"ts\":\"2026-11-23T15:00:00.250Z\",\"value\":21.4}");
        List<JsonNode> f = h.forecasts();
        assertEquals(1, f.size());
        assertEquals("sensor-7", f.get(0).get("series").asText());
        assertEquals("2026-11-23T15:00:00.250Z", f.get(0).get("origin").asText());
        assertEquals(10, f.get(0).get("points").size());
        assertTrue(h.deadLetters().isEmpty());
    }

    @Test
    void shouldAcceptEpochMillisAndTakeTheSeriesFromThePayloadWhenTheKeyIsAbsent() {
        h.send(null, "{\"series\":\"mic-1\",\"ts\":1795532400250,\"value\":0.5}");
        List<JsonNode> f = h.forecasts();
        assertEquals(1, f.size());
        assertEquals("mic-1", f.get(0).get("series").asText());
        assertEquals("2026-11-24T15:00:00.250Z", f.get(0).get("origin").asText());
    }

    @Test
    void shouldTurnAFrameIntoOneEventPerAudioFeature() {
        // 16 kHz default: a frame of 3,-4,3,-4 alternates at the Nyquist frequency
        h.send("mic-1", "{\"series\":\"mic-1\",\"ts\":1795532400250,\"values\":[3,-4,3,-4]}");
        List<JsonNode> s = h.scores();
        List<String> names = io.streamcast.series.AudioFeatures.of16kHz().names();
        assertEquals(names.size(), s.size());
        for (int i = 0; i < names.size(); i++) {
            assertEquals("mic-1/" + names.get(i), s.get(i).get("series").asText());
            assertEquals("2026-11-24T15:00:00.250Z", s.get(i).get("ts").asText());
        }
        double[] expected = io.streamcast.series.AudioFeatures.of16kHz().compute(new double[] {3, -4, 3, -4});
        assertEquals(Math.sqrt(12.5), expected[0], 1e-12);
        for (int i = 0; i < names.size(); i++) {
            assertEquals(expected[i], s.get(i).get("value").asDouble(), 1e-12, names.get(i));
        }
        assertEquals(1.0, s.get(1).get("value").asDouble(), 0.0, "zcr: every neighbour changes sign");
        assertTrue(h.deadLetters().isEmpty());
    }

    @Test
    void shouldRouteFeaturesByTheirOwnIdsSoEachLivesWhereItsIdHashes() {
        String repartition = "streamcast-" + StreamcastTopology.BY_SERIES + "-repartition";
        h.send("sensor-7", "{\"series\":\"sensor-7\",\"ts\":1795532400250,\"value\":1}");
        assertFalse(h.driver.producedTopicNames().contains(repartition), "a keyed scalar event is not repartitioned");
        h.send("mic-1", "{\"series\":\"mic-1\",\"ts\":1795532400250,\"values\":[3,-4,3,-4]}");
        assertTrue(h.driver.producedTopicNames().contains(repartition), h.driver.producedTopicNames().toString());
    }

    @Test
    void shouldNameBandsByTheConfiguredSampleRateAndDeadLetterTooLongFrames() {
        try (TopologyHarness audio = new TopologyHarness(Map.of("streamcast.batch.size", "1",
                "streamcast.audio.sample-rate", "8000", "streamcast.audio.max-frame", "4"))) {
            audio.send(null, "{\"series\":\"mic-2\",\"ts\":1795532400250,\"values\":[1,0,-1,0]}");
            String tooLong = "{\"series\":\"mic-2\",\"ts\":1795532400260,\"values\":[1,0,-1,0,1]}";
            audio.send("mic-2", tooLong);
            List<String> series = audio.scores().stream().map(n -> n.get("series").asText()).toList();
            assertEquals(List.of("mic-2/rms", "mic-2/zcr", "mic-2/centroid", "mic-2/band_0_500", "mic-2/band_500_1000",
                    "mic-2/band_1000_2000", "mic-2/band_2000_4000"), series);
            List<TestRecord<byte[], byte[]>> dead = audio.deadLetters();
            assertEquals(1, dead.size());
            assertEquals(tooLong, new String(dead.get(0).value(), StandardCharsets.UTF_8));
            assertEquals("invalid-value", TopologyHarness.header(dead.get(0).headers(), DeadLetters.KIND));
            String reason = TopologyHarness.header(dead.get(0).headers(), DeadLetters.REASON);
            assertTrue(reason.contains("5 samples") && reason.contains("streamcast.audio.max-frame (4)"), reason);
        }
    }

    @Test
    void shouldParseCsvLinesIncludingQuotedSeriesIds() {
        h.send(null, "\"plant,line-2\",2026-11-23T15:00:00Z,3.5");
        List<JsonNode> s = h.scores();
        assertEquals(1, s.size());
        assertEquals("plant,line-2", s.get(0).get("series").asText());
        assertEquals(3.5, s.get(0).get("value").asDouble(), 0.0);
    }

    @Test
    void shouldDeadLetterMalformedRecordsWithOriginalBytesSourceAndReason() {
        String bad = "{\"series\": \"s\", \"ts\": ";
        h.send("s", bad);
        List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
        assertEquals(1, dead.size());
        TestRecord<byte[], byte[]> d = dead.get(0);
        assertArrayEquals(bad.getBytes(StandardCharsets.UTF_8), d.value());
        assertArrayEquals("s".getBytes(StandardCharsets.UTF_8), d.key());
        assertEquals("malformed", TopologyHarness.header(d.headers(), DeadLetters.KIND));
        assertEquals("streamcast.events", TopologyHarness.header(d.headers(), DeadLetters.TOPIC));
        assertEquals("0", TopologyHarness.header(d.headers(), DeadLetters.PARTITION));
        assertEquals("0", TopologyHarness.header(d.headers(), DeadLetters.OFFSET));
        assertTrue(TopologyHarness.header(d.headers(), DeadLetters.REASON).startsWith("not valid JSON"),
                TopologyHarness.header(d.headers(), DeadLetters.REASON));
        assertTrue(h.forecasts().isEmpty());
        assertEquals(1, h.metrics.count("event:malformed"));
    }

    @Test
    void shouldNameEachReasonForInvalidEvents() {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("{\"series\":\"s\",\"value\":1}", "missing-field");
        expected.put("{\"ts\":1795532400250,\"value\":1}", "missing-field");
        expected.put("{\"series\":\"s\",\"ts\":1795532400250}", "missing-field");
        expected.put("{\"series\":\"s\",\"ts\":1795532400250,\"value\":\"x\"}", "invalid-value");
        expected.put("{\"series\":\"s\",\"ts\":1795532400250,\"value\":1e999}", "invalid-value");
        expected.put("{\"series\":\"s\",\"ts\":1795532400250,\"values\":[]}", "invalid-value");
        expected.put("{\"series\":\"s\",\"ts\":1795532400250,\"values\":[0.5]}", "invalid-value");
        expected.put("{\"series\":\"s\",\"ts\":1795532400250,\"values\":[1,null]}", "invalid-value");
        expected.put("{\"series\":\"s\",\"ts\":\"yesterday\",\"value\":1}", "invalid-timestamp");
        expected.put("{\"series\":\"\",\"ts\":1795532400250,\"value\":1}", "invalid-series");
        expected.put("{\"series\":\"" + "x".repeat(300) + "\",\"ts\":1795532400250,\"value\":1}", "invalid-series");
        expected.put("s,2026-11-23T15:00:00Z", "missing-field");
        expected.put("s,2026-11-23T15:00:00Z,NaN", "invalid-value");
        expected.put("series,ts,value", "malformed");
        expected.put("[1,2,3]", "malformed");
        expected.forEach((value, kind) -> h.send(null, value));
        List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
        assertEquals(expected.size(), dead.size());
        int i = 0;
        for (Map.Entry<String, String> e : expected.entrySet()) {
            TestRecord<byte[], byte[]> d = dead.get(i);
            assertEquals(e.getKey(), new String(d.value(), StandardCharsets.UTF_8));
            assertEquals(e.getValue(), TopologyHarness.header(d.headers(), DeadLetters.KIND),
                    e.getKey() + " → " + TopologyHarness.header(d.headers(), DeadLetters.REASON));
            assertEquals(Integer.toString(i), TopologyHarness.header(d.headers(), DeadLetters.OFFSET));
            i++;
        }
        assertTrue(h.forecasts().isEmpty());
    }

    @Test
    void shouldLetTheRecordKeyWinOverThePayloadSeries() {
        h.send("from-key", "{\"series\":\"from-payload\",\"ts\":1795532400250,\"value\":1}");
        assertEquals("from-key", h.forecasts().get(0).get("series").asText());
    }

    @Test
    void shouldReadEveryTopicMatchingTheInputPattern() {
        ServiceConfig config = ServiceConfig.from(Map.of("streamcast.topics.input.pattern", "plant-[0-9]+\\.events",
                "streamcast.batch.size", "1"));
        java.util.Properties p = new java.util.Properties();
        p.putAll(StreamcastTopology.streamsProperties(config));
        p.put("bootstrap.servers", "unused:9092");
        try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(
                StreamcastTopology.build(config, RegistryEngines.INSTANCE, StreamcastMetrics.NONE), p)) {
            for (String topic : List.of("plant-1.events", "plant-22.events")) {
                driver.createInputTopic(topic, new org.apache.kafka.common.serialization.StringSerializer(),
                        new org.apache.kafka.common.serialization.StringSerializer())
                        .pipeInput(topic, "{\"ts\":1795532400250,\"value\":1}", 1795532400250L);
            }
            List<String> series = driver.createOutputTopic("streamcast.forecasts",
                    new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.StringDeserializer()).readKeyValuesToList().stream().map(kv -> kv.key).toList();
            assertEquals(List.of("plant-1.events", "plant-22.events"), series);
        }
    }
}
