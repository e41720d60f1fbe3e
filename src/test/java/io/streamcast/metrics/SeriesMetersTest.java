package io.streamcast.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SeriesMetersTest {

    @Test
    void shouldExposeNoMorePerSeriesTimeSeriesThanTheAllowListAllowsFor10000Series() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SeriesMeters meters = new SeriesMeters(registry, "sensor-1, sensor-2?, pump-*");
        for (int i = 0; i < 10_000; i++) {
            String id = (i % 2 == 0 ? "sensor-" : "valve-") + i;
            meters.observed(id, i, 0.5);
            meters.forecast(id, i, i - 1, i + 1);
        }
        meters.observed("pump-north", 3.0, 0.1);

        Set<String> series = new TreeSet<>();
        long perSeriesLines = registry.scrape().lines().filter(l -> l.startsWith("streamcast_series_")).peek(l ->
                series.add(l.replaceAll(".*series=\"([^\"]*)\".*", "$1"))).count();
        // sensor-20, -22, -24, -26, -28 (sensor-2? with even i), sensor-1 is odd (never sent), pump-north.
        assertEquals(Set.of("sensor-20", "sensor-22", "sensor-24", "sensor-26", "sensor-28", "pump-north"), series);
        assertEquals(6 * 6, perSeriesLines, "value, forecast mean/lo/hi, anomaly score and last seen per allowed series");
    }

    @Test
    void shouldCarryLatestValueForecastBoundsAndScore() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SeriesMeters meters = new SeriesMeters(registry, "machine-temp",
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        meters.observed("machine-temp", 71.5, 0.25);
        meters.forecast("machine-temp", 72.0, 70.0, 74.0);
        meters.observed("machine-temp", 80.0, 0.99);
        assertEquals(80.0, registry.get(MeterNames.SERIES_VALUE).tag("series", "machine-temp").gauge().value());
        assertEquals(0.99, registry.get(MeterNames.SERIES_ANOMALY_SCORE).gauge().value());
        assertEquals(70.0, registry.get(MeterNames.SERIES_FORECAST).tag("bound", "lo").gauge().value());
        assertEquals(74.0, registry.get(MeterNames.SERIES_FORECAST).tag("bound", "hi").gauge().value());
        assertEquals(72.0, registry.get(MeterNames.SERIES_FORECAST).tag("bound", "mean").gauge().value());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(),
                registry.get(MeterNames.SERIES_LAST_SEEN).gauge().value());
    }

    @Test
    void shouldMatchGlobsWholeAndQuoteEverythingElse() {
        SeriesMeters meters = new SeriesMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "a.b*,x?z");
        assertTrue(meters.allows("a.b"));
        assertTrue(meters.allows("a.bcd"));
        assertFalse(meters.allows("aXb"), "a dot is literal, not a regex wildcard");
        assertTrue(meters.allows("xyz"));
        assertFalse(meters.allows("xyzz"));
        assertFalse(new SeriesMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "").allows("any"));
    }

    @Test
    void shouldShareOneInstancePerRegistrySoARebuiltTopologyFeedsTheSameGauges() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SeriesMeters first = SeriesMeters.of(registry, "s");
        first.observed("s", 1.0, 0.0);
        SeriesMeters.of(registry, "s").observed("s", 2.0, 0.0);
        assertEquals(2.0, registry.get(MeterNames.SERIES_VALUE).gauge().value());
    }

    @Test
    void shouldDropTheMetersOfSeriesAChangedAllowListNoLongerNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SeriesMeters.of(registry, "a,b").observed("a", 1.0, 0.0);
        SeriesMeters.of(registry, "a,b").observed("b", 1.0, 0.0);
        SeriesMeters changed = SeriesMeters.of(registry, "b,c");
        changed.observed("c", 3.0, 0.0);
        changed.observed("a", 9.0, 0.0);
        Set<String> series = new TreeSet<>();
        registry.scrape().lines().filter(l -> l.startsWith("streamcast_series_"))
                .forEach(l -> series.add(l.replaceAll(".*series=\"([^\"]*)\".*", "$1")));
        assertEquals(Set.of("b", "c"), series);
    }
}
