package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamcast.metrics.MeterNames;
import io.streamcast.metrics.SeriesMeters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology feeds the Micrometer meters: events by topic, per-series gauges, model-call timer, series cache counts. */
class TopologyMetricsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");

    @Test
    void shouldReportSeriesGaugesModelCallsAndCacheEvictions(@TempDir Path dir) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ServiceConfig config = ServiceConfig.from(Map.of("streamcast.batch.size", "1", "streamcast.series.cache", "2",
                "streamcast.model", "ar"));
        Properties p = new Properties();
        p.putAll(StreamcastTopology.streamsProperties(config));
        p.put("bootstrap.servers", "unused:9092");
        p.put("state.dir", Files.createDirectories(dir.resolve("state")).toString());
        MicrometerStreamcastMetrics metrics = new MicrometerStreamcastMetrics(registry,
                SeriesMeters.of(registry, "s-0"));
        try (TopologyTestDriver driver = new TopologyTestDriver(StreamcastTopology.build(config, RegistryEngines.INSTANCE,
                metrics), p, T0)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(config.topics().input().get(0),
                    new ByteArraySerializer(), new ByteArraySerializer());
            double last = 0;
            for (int t = 0; t < 30; t++) {
                for (int s = 0; s < 5; s++) { // five series through a cache of two: every step evicts
                    last = 10 + s + Math.sin(t / 3.0);
                    String json = "{\"series\":\"s-" + s + "\",\"ts\":\"" + T0.plusSeconds(t) + "\",\"value\":" + last
                            + "}";
                    in.pipeInput(("s-" + s).getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
                }
            }
            double s0 = 10 + Math.sin(29 / 3.0);
            assertEquals(s0, registry.get(MeterNames.SERIES_VALUE).tag("series", "s-0").gauge().value(), 1e-12);
            double mean = registry.get(MeterNames.SERIES_FORECAST).tag("bound", "mean").gauge().value();
            double lo = registry.get(MeterNames.SERIES_FORECAST).tag("bound", "lo").gauge().value();
            double hi = registry.get(MeterNames.SERIES_FORECAST).tag("bound", "hi").gauge().value();
            assertTrue(lo <= mean && mean <= hi, lo + " <= " + mean + " <= " + hi);
            assertEquals(1, registry.find(MeterNames.SERIES_VALUE).gauges().size(), "only the allow-listed series");
            assertEquals(150.0, registry.get(MeterNames.EVENTS_IN).tag("topic", config.topics().input().get(0))
                    .tag("outcome", "accepted").counter().count());
            assertEquals(0.0, registry.get(MeterNames.EVENTS_IN).tag("outcome", "malformed").counter().count(),
                    "known outcomes of the configured topics start at 0");
            assertEquals(150, registry.get(MeterNames.MODEL_STEP).tag("model", "ar").timer().count());
            assertTrue(registry.get(MeterNames.SERIES_EVICTIONS).counter().count() > 0);
            double live = registry.get(MeterNames.SERIES_LIVE).gauge().value();
            assertTrue(live >= 1 && live <= 2, "the cache holds at most 2, held " + live);
            assertEquals(0.95, registry.get(MeterNames.COVERAGE_TARGET).gauge().value(), "the default level");
            assertTrue(registry.get(MeterNames.FORECAST_SMAPE).summaries().size() > 0);
            assertTrue(registry.get(MeterNames.FORECAST_MASE).summaries().size() > 0);
        }
        assertEquals(0.0, registry.get(MeterNames.SERIES_LIVE).gauge().value(), "a closed task no longer counts");
    }
}
