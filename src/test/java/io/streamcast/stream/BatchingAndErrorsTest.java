package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamcast.model.Engine;
import io.streamcast.model.Step;
import io.streamcast.series.Observation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Batched engine calls, and a processor failure that must not stop the stream. */
class BatchingAndErrorsTest {

    @Test
    void shouldHoldStepsInTheBufferStoreUntilTheBatchIsFull() {
        try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.batch.size", "4",
                "streamcast.batch.interval", "1s"))) {
            KeyValueStore<Long, byte[]> buffer = h.driver.getKeyValueStore(StreamcastTopology.BUFFER_STORE);
            for (int i = 0; i < 3; i++) {
                h.event("s" + i, i, i);
            }
            assertTrue(h.forecasts().isEmpty());
            assertEquals(3, buffer.approximateNumEntries());
            // Waiting steps are in the store's changelog, so a commit now loses none of them.
            List<TestRecord<byte[], byte[]>> changelog = h.driver.createOutputTopic(
                    "streamcast-" + StreamcastTopology.BUFFER_STORE + "-changelog", Serdes.ByteArray().deserializer(),
                    Serdes.ByteArray().deserializer()).readRecordsToList();
            assertEquals(List.of("s0", "s1", "s2"), changelog.stream()
                    .map(r -> ResampledCodec.decode(r.value()).series()).toList());
            h.event("s3", 3, 3);
            assertEquals(4, h.forecasts().size());
            assertEquals(0, buffer.approximateNumEntries());
        }
    }

    @Test
    void shouldFlushASmallerBatchWhenTheIntervalPasses() {
        try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.batch.size", "64",
                "streamcast.batch.interval", "200ms"))) {
            h.event("a", 0, 1);
            h.event("b", 0, 2);
            h.driver.advanceWallClockTime(Duration.ofMillis(100));
            assertTrue(h.forecasts().isEmpty());
            h.driver.advanceWallClockTime(Duration.ofMillis(100));
            assertEquals(List.of("a", "b"), h.forecasts().stream().map(f -> f.get("series").asText()).toList());
        }
    }

    /** The AR engine, failing on one series: a stand-in for a model bug. */
    private static final class FailingOn implements Engine {
        private final Engine inner;
        private final String series;

        FailingOn(Engine inner, String series) {
            this.inner = inner;
            this.series = series;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public List<Step> step(List<Observation> batch) {
            if (batch.stream().anyMatch(o -> o.series().equals(series))) {
                throw new IllegalStateException("model failed on series " + series);
            }
            return inner.step(batch);
        }

        @Override
        public byte[] seriesState(String s) {
            return inner.seriesState(s);
        }

        @Override
        public void loadSeries(String s, byte[] state) {
            inner.loadSeries(s, state);
        }

        @Override
        public void evict(String s) {
            inner.evict(s);
        }

        @Override
        public byte[] sharedState() {
            return inner.sharedState();
        }

        @Override
        public void loadShared(byte[] state) {
            inner.loadShared(state);
        }
    }

    @Test
    void shouldDeadLetterTheStepAModelFailsOnAndGoOnWithTheRestOfItsBatch() throws Exception {
        ServiceConfig config = ServiceConfig.from(Map.of("streamcast.batch.size", "3"));
        Properties p = new Properties();
        p.putAll(StreamcastTopology.streamsProperties(config));
        p.put("bootstrap.servers", "unused:9092");
        p.put("state.dir", Files.createTempDirectory("streamcast-ttd").toString());
        EngineProvider engines = (s, c) -> new FailingOn(RegistryEngines.INSTANCE.create(s, c), "boom");
        try (TopologyTestDriver driver = new TopologyTestDriver(StreamcastTopology.build(config, engines,
                StreamcastMetrics.NONE), p)) {
            // records stamped at the events' time, not the wall clock (streamcast.input.max-ahead)
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("streamcast.events",
                    new ByteArraySerializer(), new ByteArraySerializer(), java.time.Instant.ofEpochMilli(1795532400000L),
                    java.time.Duration.ZERO);
            TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic("streamcast.dlq",
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
            TestOutputTopic<byte[], byte[]> forecasts = driver.createOutputTopic("streamcast.forecasts",
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
            byte[] bad = "{\"ts\":1795532400250,\"value\":1}".getBytes(StandardCharsets.UTF_8);
            in.pipeInput("fine".getBytes(StandardCharsets.UTF_8),
                    "{\"ts\":1795532400000,\"value\":1}".getBytes(StandardCharsets.UTF_8));
            in.pipeInput("boom".getBytes(StandardCharsets.UTF_8), bad);
            in.pipeInput("fine".getBytes(StandardCharsets.UTF_8),
                    "{\"ts\":1795532401000,\"value\":2}".getBytes(StandardCharsets.UTF_8));
            List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
            assertEquals(1, dead.size());
            assertEquals("{\"series\":\"boom\",\"ts\":\"2026-11-24T15:00:00.250Z\",\"value\":1.0}",
                    new String(dead.get(0).value(), StandardCharsets.UTF_8));
            assertEquals("processing-error", TopologyHarness.header(dead.get(0).headers(), DeadLetters.KIND));
            assertEquals("1", TopologyHarness.header(dead.get(0).headers(), DeadLetters.OFFSET));
            String reason = TopologyHarness.header(dead.get(0).headers(), DeadLetters.REASON);
            assertTrue(reason.contains("model failed on series boom"), reason);
            List<TestRecord<byte[], byte[]>> published = forecasts.readRecordsToList();
            assertEquals(2, published.size(), "the rest of the batch went on");
            JsonNode second = TopologyHarness.JSON.readTree(published.get(1).value());
            assertEquals("2026-11-24T15:00:01Z", second.get("origin").asText());
        }
    }
}
