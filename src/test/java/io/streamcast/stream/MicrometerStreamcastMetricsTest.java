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

    @Test
    void shouldStartKnownOutcomesAndModelsAtZeroAndTimeModelCalls() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerStreamcastMetrics m = new MicrometerStreamcastMetrics(registry);
        m.models(java.util.List.of("ar", "lstm"));
        m.inputTopics(java.util.List.of("sensors"));
        assertEquals(0.0, registry.get("streamcast.events.in").tag("topic", "sensors").tag("outcome", "malformed")
                .counter().count());
        m.event("sensors", "accepted");
        assertEquals(1.0, registry.get("streamcast.events.in").tag("topic", "sensors").tag("outcome", "accepted")
                .counter().count());
        assertEquals(0.0, registry.get("streamcast.anomalies.out").tag("model", "lstm").counter().count());
        assertNull(registry.find("streamcast.events.in").tag("outcome", "processing-error").counter());
        m.modelStep("ar", 64, 2_000_000);
        assertEquals(1, registry.get("streamcast.model.step").tag("model", "ar").timer().count());
        assertEquals(64.0, registry.get("streamcast.model.batch.size").tag("model", "ar").summary().totalAmount());
        m.settledSmape("ar", 2, 0.5);
        assertEquals(0.5, registry.get("streamcast.forecast.smape").tag("horizon", "2").summary().mean());
        m.coverageTarget(0.8);
        assertEquals(0.8, registry.get("streamcast.forecast.coverage.target").gauge().value());
        m.forecastDelay(-5);
        m.forecastDelay(40);
        assertEquals(1, registry.get("streamcast.forecast.delay").timer().count(), "a negative delay is skew, not data");
    }

    @Test
    void shouldSumSeriesCountsOverOpenTasksAndKeepGaugesAcrossARebuiltTopology() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerStreamcastMetrics first = new MicrometerStreamcastMetrics(registry);
        Object taskA = new Object();
        Object taskB = new Object();
        first.seriesCounts(taskA, 3, 10);
        first.seriesCounts(taskB, 4, 20);
        first.seriesCounts(taskA, 5, 11); // a later batch replaces the task's counts
        assertEquals(9.0, registry.get("streamcast.series.live").gauge().value());
        assertEquals(31.0, registry.get("streamcast.series.stored").gauge().value());
        first.taskClosed(taskB);
        assertEquals(5.0, registry.get("streamcast.series.live").gauge().value());

        MicrometerStreamcastMetrics rebuilt = new MicrometerStreamcastMetrics(registry); // config change
        rebuilt.coverageTarget(0.95);
        rebuilt.seriesCounts(new Object(), 2, 2);
        assertEquals(0.95, registry.get("streamcast.forecast.coverage.target").gauge().value());
        assertEquals(7.0, registry.get("streamcast.series.live").gauge().value());
        rebuilt.evicted(3);
        assertEquals(3.0, registry.get("streamcast.series.evictions").counter().count());
    }
}
