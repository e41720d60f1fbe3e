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
        metrics.settledSmape("ar", 1, 0.02);
        metrics.settledSmape("ar", 2, 0.06);
        metrics.settledSmape("lstm", 1, 0.01);
        metrics.settledMase("ar", 1, 0.5);
        metrics.settledMase("ar", 2, 1.5);
        metrics.settledMase("lstm", 1, 0.25);

        // sMAPE in the 0..200 units backtest prints (M4's), MASE against each series' one-step change
        assertEquals("events/s=10 events=20 dead-lettered=2 forecasts=18 anomalies=1 smape[ar]=4.00 smape[lstm]=1.00"
                + " mase[ar]=1.000 mase[lstm]=0.250 coverage[ar]=50% coverage[lstm]=100%", status.line(3_000));
    }
}
