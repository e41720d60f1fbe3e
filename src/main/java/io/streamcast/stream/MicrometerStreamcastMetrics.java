package io.streamcast.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link StreamcastMetrics} on a Micrometer registry. Tags are bounded: {@code outcome} (accepted or
 * a dead-letter kind), {@code model}, {@code horizon} (1..12: later steps are not settled).
 * <ul>
 * <li>{@code streamcast.events.in} counter, tag outcome: each input record counted once;</li>
 * <li>{@code streamcast.model.failures} counter, tag model: steps a model threw on (dead-lettered);</li>
 * <li>{@code streamcast.forecasts.out}, {@code streamcast.anomalies.out} counters, tag model;</li>
 * <li>{@code streamcast.forecast.error} summary of |observed − forecast mean|, tags model, horizon;</li>
 * <li>{@code streamcast.forecast.coverage} counter, tags model, horizon, outcome = inside|outside.</li>
 * </ul>
 */
public final class MicrometerStreamcastMetrics implements StreamcastMetrics {
    static final int MAX_HORIZON_TAG = SeriesState.MAX_SETTLED_STEPS;

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, DistributionSummary> errors = new ConcurrentHashMap<>();

    public MicrometerStreamcastMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void event(String outcome) {
        counter("streamcast.events.in", "outcome", outcome).increment();
    }

    @Override
    public void modelFailure(String model) {
        counter("streamcast.model.failures", "model", model).increment();
    }

    @Override
    public void forecast(String model) {
        counter("streamcast.forecasts.out", "model", model).increment();
    }

    @Override
    public void anomaly(String model) {
        counter("streamcast.anomalies.out", "model", model).increment();
    }

    @Override
    public void settled(String model, int horizon, double error, boolean covered) {
        if (horizon > MAX_HORIZON_TAG) {
            return;
        }
        String h = Integer.toString(horizon);
        errors.computeIfAbsent(model + "|" + h, k -> DistributionSummary.builder("streamcast.forecast.error")
                .description("absolute error of settled forecasts").tag("model", model).tag("horizon", h)
                .register(registry)).record(Math.abs(error));
        counters.computeIfAbsent("cov|" + model + "|" + h + "|" + covered, k -> Counter
                .builder("streamcast.forecast.coverage").description("settled forecast steps by interval outcome")
                .tag("model", model).tag("horizon", h).tag("outcome", covered ? "inside" : "outside")
                .register(registry)).increment();
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + "|" + value, k -> Counter.builder(name).tag(tag, value)
                .register(registry));
    }
}
