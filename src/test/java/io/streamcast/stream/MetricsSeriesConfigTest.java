package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamcast.metrics.SeriesMeters;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** streamcast.metrics.series is the service's key: taken out before the topology sees the rest. */
class MetricsSeriesConfigTest {

    @Test
    void shouldReadTheAllowListAndDefaultToTheDemoSeries() {
        assertEquals("pump-*,valve-7", RuntimeConfig.from(Map.of("streamcast.metrics.series", "pump-*,valve-7"))
                .metricsSeries());
        assertEquals(SeriesMeters.DEFAULT_ALLOW_LIST, RuntimeConfig.from(Map.of()).metricsSeries());
    }
}
