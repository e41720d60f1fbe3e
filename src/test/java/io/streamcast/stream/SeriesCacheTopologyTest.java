package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole topology with engines that hold only 3 series in memory publishes exactly what it
 * publishes when they hold every series: an evicted series' state goes to the series store and comes
 * back unchanged on its next event, for the local AR engine and for a shared network alike.
 */
class SeriesCacheTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");
    private static final int SERIES = 20;
    private static final int ROUNDS = 30;

    @TempDir
    Path dir;

    /** What one run published, and what it reported about its series cache. */
    private record Run(List<String> outputs, long evictions, int maxLive) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"ar", "ffar"})
    void shouldPublishIdenticalOutputsWithACacheOfThreeAsWithAnUnboundedOne(String model) throws Exception {
        Run unbounded = run(model, 10_000, "unbounded");
        Run small = run(model, 3, "small");

        assertEquals(2 * SERIES * ROUNDS, unbounded.outputs().stream().filter(o -> !o.startsWith("streamcast.anomalies"))
                .count(), "a forecast and a score for every event");
        assertEquals(0, unbounded.evictions(), "a cache larger than the series never evicts");
        assertEquals(SERIES, unbounded.maxLive());
        assertTrue(small.evictions() >= (long) (SERIES - 3) * ROUNDS,
                "every round, at least the series beyond the cache leave memory: " + small.evictions());
        assertTrue(small.maxLive() <= 3, "live series after a batch never exceed the cache: " + small.maxLive());
        assertSame(unbounded.outputs(), small.outputs(), model + ": cache 3 vs unbounded, " + SERIES + " series");
    }

    /** Equal lists, or a failure naming the first record that differs (the lists are long). */
    private static void assertSame(List<String> expected, List<String> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": output record " + i);
        }
        assertEquals(expected.size(), actual.size(), what + ": number of output records");
    }

    private Run run(String model, int cache, String name) throws Exception {
        ServiceConfig config = ServiceConfig.from(Map.of("streamcast.model", model, "streamcast.horizon", "3",
                "streamcast.batch.size", "8", "streamcast.batch.interval", "1s", "streamcast.checkpoint.batches", "3",
                "streamcast.topics.scores", "streamcast.scores", "streamcast.series.cache", Integer.toString(cache)));
        Properties p = new Properties();
        p.putAll(StreamcastTopology.streamsProperties(config));
        p.put("bootstrap.servers", "unused:9092");
        p.put("state.dir", Files.createDirectories(dir.resolve(name)).toString());
        CacheCounts counts = new CacheCounts();
        List<String> outputs = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(StreamcastTopology.build(config,
                RegistryEngines.INSTANCE, counts), p, T0)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(config.topics().input().get(0),
                    new ByteArraySerializer(), new ByteArraySerializer());
            SplittableRandom random = new SplittableRandom(7);
            int[] order = new int[SERIES];
            for (int i = 0; i < SERIES; i++) {
                order[i] = i;
            }
            for (int t = 0; t < ROUNDS; t++) {
                shuffle(order, random); // series interleaved in a different order every round
                for (int s : order) {
                    String id = "sensor-" + s;
                    double v = 10.0 * (s + 1) + Math.sin(t / (2.0 + s % 5)) * (1 + s % 3) + random.nextGaussian() * 0.1;
                    String json = "{\"series\":\"" + id + "\",\"ts\":\"" + T0.plusSeconds(t) + "\",\"value\":" + v + "}";
                    in.pipeInput(id.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
                }
            }
            driver.advanceWallClockTime(Duration.ofSeconds(2)); // the last, partly filled batch
            for (String topic : List.of(config.topics().forecasts(), config.topics().scores().orElseThrow(),
                    config.topics().anomalies(), config.topics().dlq())) {
                for (TestRecord<byte[], byte[]> r : driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(),
                        Serdes.ByteArray().deserializer()).readRecordsToList()) {
                    outputs.add(topic + " " + new String(r.key(), StandardCharsets.UTF_8) + " "
                            + new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return new Run(outputs, counts.evictions, counts.maxLive);
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Evictions and the largest number of live series reported after any batch. */
    private static final class CacheCounts implements StreamcastMetrics {
        long evictions;
        int maxLive;

        @Override
        public synchronized void evicted(int series) {
            evictions += series;
        }

        @Override
        public synchronized void seriesCounts(Object task, int live, long stored) {
            maxLive = Math.max(maxLive, live);
        }
    }
}
