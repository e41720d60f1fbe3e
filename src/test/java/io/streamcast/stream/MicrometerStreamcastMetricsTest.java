package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MicrometerStreamcastMetricsTest {

    @Test
    void shouldCountEventsForecastsAnomaliesAndSettlementsUnderBoundedTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerStreamcastMetrics m = new MicrometerStreamcastMetrics(registry);
        m.event("accepted");
        m.event("accepted");
        m.event("late");
        m.forecast("ar");
        m.anomaly("ar");
        m.modelFailure("lstm");
        m.settled("ar", 1, -2.0, true);
        m.settled("ar", 1, 4.0, false);
        m.settled("ar", 13, 1.0, true);
        assertEquals(2.0, registry.get("streamcast.events.in").tag("outcome", "accepted").counter().count());
        assertEquals(1.0, registry.get("streamcast.events.in").tag("outcome", "late").counter().count());
        assertEquals(1.0, registry.get("streamcast.forecasts.out").tag("model", "ar").counter().count());
        assertEquals(1.0, registry.get("streamcast.anomalies.out").tag("model", "ar").counter().count());
        assertEquals(3.0, registry.get("streamcast.forecast.error").tag("horizon", "1").summary().mean());
        assertEquals(1.0, registry.get("streamcast.forecast.coverage").tag("horizon", "1").tag("outcome", "inside")
                .counter().count());
        assertEquals(1.0, registry.get("streamcast.model.failures").tag("model", "lstm").counter().count());
        assertNull(registry.find("streamcast.forecast.error").tag("horizon", "13").summary());
    }
}
