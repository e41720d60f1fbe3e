package io.streamcast.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamcast.metrics.MeterNames;
import io.streamcast.metrics.SeriesMeters;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link StreamcastMetrics} on a Micrometer registry. Tags are bounded: {@code topic} (the input
 * topics), {@code outcome} (accepted or a dead-letter kind), {@code model}, {@code horizon} (1..12:
 * later steps are not settled); {@code series} only for an allow-list, see {@link SeriesMeters}.
 * <ul>
 * <li>{@code streamcast.events.in} counter, tags topic and outcome: each input record counted once;</li>
 * <li>{@code streamcast.model.failures} counter, tag model: steps a model threw on (dead-lettered);</li>
 * <li>{@code streamcast.forecasts.out}, {@code streamcast.anomalies.out} counters, tag model;</li>
 * <li>{@code streamcast.forecast.error} summary of |observed − forecast mean|, tags model, horizon;</li>
 * <li>{@code streamcast.forecast.coverage} counter, tags model, horizon, outcome = inside|outside;</li>
 * <li>{@code streamcast.forecast.smape} summary, tags model, horizon; {@code streamcast.forecast.mase} summary, tags
 * model, horizon; {@code streamcast.forecast.coverage.target} gauge;</li>
 * <li>{@code streamcast.model.step} timer (percentile histogram) and {@code streamcast.model.batch.size}, tag model;</li>
 * <li>{@code streamcast.series.live}, {@code streamcast.series.stored} gauges, {@code streamcast.series.evictions} counter;</li>
 * <li>per-series gauges for the allow-listed series only, see {@link SeriesMeters}.</li>
 * </ul>
 */
public final class MicrometerStreamcastMetrics implements StreamcastMetrics {
    static final int MAX_HORIZON_TAG = SeriesState.MAX_SETTLED_STEPS;
    static final String UNKNOWN_TOPIC = "unknown";

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, DistributionSummary> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> steps = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Settlement> settlements = new ConcurrentHashMap<>();
    private final SeriesMeters series;
    private final Timer delay;
    private final RegistryGauges gauges;
    private final Counter evictions;

    /** Per-series gauges for {@link SeriesMeters#DEFAULT_ALLOW_LIST}. */
    public MicrometerStreamcastMetrics(MeterRegistry registry) {
        this(registry, SeriesMeters.of(registry, SeriesMeters.DEFAULT_ALLOW_LIST));
    }

    public MicrometerStreamcastMetrics(MeterRegistry registry, SeriesMeters series) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.series = Objects.requireNonNull(series, "series");
        this.delay = Timer.builder(MeterNames.FORECAST_DELAY)
                .description("from an event's timestamp to the publication of the forecast it led to")
                .publishPercentileHistogram().register(registry);
        this.gauges = RegistryGauges.of(registry);
        this.evictions = Counter.builder(MeterNames.SERIES_EVICTIONS)
                .description("series whose model state left memory to make room (streamcast.series.cache)")
                .register(registry);
    }

    @Override
    public void event(String outcome) {
        event(UNKNOWN_TOPIC, outcome); // one set of tag keys per meter name, as Prometheus requires
    }

    @Override
    public void event(String topic, String outcome) {
        event(topic, outcome, 1);
    }

    @Override
    public void inputTopics(List<String> topics) {
        // Known outcomes start at 0, so dead-letter rates and alerts have a series before the first bad record.
        for (String topic : topics) {
            event(topic, MeterNames.OUTCOME_ACCEPTED, 0);
            for (DeadLetterKind k : DeadLetterKind.values()) {
                if (k != DeadLetterKind.PROCESSING_ERROR) { // counted per model by modelFailure, not per record
                    event(topic, k.code(), 0);
                }
            }
        }
    }

    private void event(String topic, String outcome, int amount) {
        counters.computeIfAbsent("in|" + topic + "|" + outcome, k -> Counter.builder(MeterNames.EVENTS_IN)
                .description("input records by topic and outcome (accepted or the dead-letter kind)")
                .tag("topic", topic).tag("outcome", outcome).register(registry)).increment(amount);
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
        Settlement m = settlement(model);
        m.error(horizon).record(Math.abs(error));
        m.coverage(horizon, covered).increment();
    }

    @Override
    public void settledSmape(String model, int horizon, double smape) {
        if (horizon <= MAX_HORIZON_TAG) {
            settlement(model).smape(horizon).record(smape);
        }
    }

    @Override
    public void settledMase(String model, int horizon, double scaledError) {
        if (horizon <= MAX_HORIZON_TAG) {
            settlement(model).mase(horizon).record(scaledError);
        }
    }

    private Settlement settlement(String model) {
        return settlements.computeIfAbsent(model, Settlement::new);
    }

    /**
     * The settlement meters of one model by horizon step, each registered on first use. Up to 12 points are
     * settled per event, four meters each: found by index here rather than by a key built per point (JFR, issue
     * 13). Meters registered twice by racing threads are the same meter (the registry returns it).
     */
    private final class Settlement {
        private final String model;
        private final DistributionSummary[] error = new DistributionSummary[MAX_HORIZON_TAG + 1];
        private final DistributionSummary[] smape = new DistributionSummary[MAX_HORIZON_TAG + 1];
        private final DistributionSummary[] mase = new DistributionSummary[MAX_HORIZON_TAG + 1];
        private final Counter[] inside = new Counter[MAX_HORIZON_TAG + 1];
        private final Counter[] outside = new Counter[MAX_HORIZON_TAG + 1];

        Settlement(String model) {
            this.model = model;
        }

        DistributionSummary error(int h) {
            if (error[h] == null) {
                error[h] = DistributionSummary.builder("streamcast.forecast.error")
                        .description("absolute error of settled forecasts").tag("model", model)
                        .tag("horizon", Integer.toString(h)).register(registry);
            }
            return error[h];
        }

        Counter coverage(int h, boolean covered) {
            Counter[] c = covered ? inside : outside;
            if (c[h] == null) {
                c[h] = Counter.builder("streamcast.forecast.coverage")
                        .description("settled forecast steps by interval outcome").tag("model", model)
                        .tag("horizon", Integer.toString(h)).tag("outcome", covered ? "inside" : "outside")
                        .register(registry);
            }
            return c[h];
        }

        DistributionSummary smape(int h) {
            if (smape[h] == null) {
                smape[h] = summary(MeterNames.FORECAST_SMAPE, "sMAPE (0..2) of settled forecasts", h);
            }
            return smape[h];
        }

        DistributionSummary mase(int h) {
            if (mase[h] == null) {
                mase[h] = summary(MeterNames.FORECAST_MASE, "absolute error of settled forecasts over the series' mean "
                        + "absolute one-step change", h);
            }
            return mase[h];
        }

        private DistributionSummary summary(String name, String description, int h) {
            return DistributionSummary.builder(name).description(description).tag("model", model)
                    .tag("horizon", Integer.toString(h)).register(registry);
        }
    }

    @Override
    public void coverageTarget(double coverage) {
        gauges.coverageTarget(coverage);
    }

    @Override
    public void seriesCounts(Object task, int live, long stored) {
        gauges.counts(task, live, stored);
    }

    @Override
    public void taskClosed(Object task) {
        gauges.closed(task);
    }

    @Override
    public void evicted(int series) {
        evictions.increment(series);
    }

    @Override
    public void modelStep(String model, int observations, long nanos) {
        steps.computeIfAbsent(model, m -> Timer.builder(MeterNames.MODEL_STEP)
                .description("one model call: learn the batch, then forecast").tag("model", m)
                .publishPercentileHistogram().register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        errors.computeIfAbsent("batch|" + model, k -> DistributionSummary.builder(MeterNames.MODEL_BATCH)
                .description("observations per model call").tag("model", model).register(registry)).record(observations);
    }

    @Override
    public void seriesObserved(String id, double value, double score) {
        series.observed(id, value, score);
    }

    @Override
    public void seriesForecast(String id, double mean, double lo, double hi) {
        series.forecast(id, mean, lo, hi);
    }

    @Override
    public void models(List<String> models) {
        for (String m : models) {
            counter(MeterNames.FORECASTS_OUT, "model", m);
            counter(MeterNames.ANOMALIES, "model", m);
            counter(MeterNames.MODEL_FAILURES, "model", m);
        }
    }

    @Override
    public void forecastDelay(long millis) {
        if (millis >= 0) { // an event stamped in the future (clock skew) says nothing about our delay
            delay.record(millis, TimeUnit.MILLISECONDS);
        }
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + "|" + value, k -> Counter.builder(name).tag(tag, value)
                .register(registry));
    }
}
