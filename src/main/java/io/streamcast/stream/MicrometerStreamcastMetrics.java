package io.streamcast.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamcast.metrics.MeterNames;
import java.util.Objects;

/**
 * {@link StreamcastMetrics} on a Micrometer registry, under the names of {@link MeterNames}. Meters
 * are looked up by name and tags on each call (Micrometer caches them), which keeps this class free
 * of state; tag values are bounded by construction (outcomes, model names, horizons).
 */
public final class MicrometerStreamcastMetrics implements StreamcastMetrics {

    private final MeterRegistry registry;

    public MicrometerStreamcastMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void event(String outcome) {
        Counter.builder(MeterNames.EVENTS_IN).description("input events by outcome").baseUnit("events")
                .tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void forecast(String model) {
        Counter.builder(MeterNames.FORECASTS_OUT).description("forecasts published").baseUnit("forecasts")
                .tag("model", model).register(registry).increment();
    }

    @Override
    public void anomaly(String model) {
        Counter.builder(MeterNames.ANOMALIES).description("anomalies flagged").baseUnit("anomalies")
                .tag("model", model).register(registry).increment();
    }

    @Override
    public void settled(String model, int horizon, double error, boolean covered) {
        if (Double.isFinite(error)) {
            DistributionSummary.builder(MeterNames.FORECAST_ERROR).description("absolute error of settled forecasts")
                    .tag("model", model).tag("horizon", Integer.toString(horizon)).register(registry)
                    .record(Math.abs(error));
        }
        Counter.builder(MeterNames.FORECAST_SETTLED).description("settled forecast points")
                .tag("model", model).tag("covered", Boolean.toString(covered)).register(registry).increment();
    }
}
