package io.streamcast.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamcast.stream.MicrometerStreamcastMetrics;
import org.junit.jupiter.api.Test;

class LiveStatusTest {

    @Test
    void shouldReportRatesTotalsAndPerModelErrorFromTheMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerStreamcastMetrics metrics = new MicrometerStreamcastMetrics(registry);
        LiveStatus status = new LiveStatus(registry);
        assertEquals("events/s=- events=0 dead-lettered=0 forecasts=0 anomalies=0", status.line(1_000));

        for (int i = 0; i < 18; i++) {
            metrics.event(MeterNames.OUTCOME_ACCEPTED);
            metrics.forecast("ar");
        }
        metrics.event("malformed");
        metrics.event("late");
        metrics.anomaly("ar");
        metrics.settled("ar", 1, -1.0, true);
        metrics.settled("ar", 2, 3.0, false);
        metrics.settled("lstm", 1, 0.5, true);

        assertEquals("events/s=10 events=20 dead-lettered=2 forecasts=18 anomalies=1 mae[ar]=2.000 mae[lstm]=0.5000"
                + " coverage[ar]=50% coverage[lstm]=100%", status.line(3_000));
    }
}
