package io.streamcast.metrics;

/**
 * The names of streamcast's own meters, declared once. Lowercase dotted; the Prometheus registry
 * turns {@code streamcast.events.in} into {@code streamcast_events_in_total}. Tags are bounded:
 * {@code topic} (input topics), {@code outcome} (accepted or a dead-letter kind), {@code model},
 * {@code horizon} (1..12), {@code bound}; {@code series} only for the allow-list of {@link SeriesMeters}.
 */
public final class MeterNames {
    /** Input events, tags {@code topic} and {@code outcome}: {@code accepted} or the dead-letter kind. */
    public static final String EVENTS_IN = "streamcast.events.in";
    /** Forecasts published, tag {@code model}. */
    public static final String FORECASTS_OUT = "streamcast.forecasts.out";
    /** Anomalies flagged, tag {@code model}. */
    public static final String ANOMALIES = "streamcast.anomalies.out";
    /** |observed − forecast mean| of settled forecasts, tags {@code model} and {@code horizon}. */
    public static final String FORECAST_ERROR = "streamcast.forecast.error";
    /** Settled forecast steps, tags {@code model}, {@code horizon} and {@code outcome} (inside|outside the interval). */
    public static final String FORECAST_COVERAGE = "streamcast.forecast.coverage";
    public static final String OUTCOME_INSIDE = "inside";
    /** sMAPE (0..2) of settled forecasts, tags {@code model} and {@code horizon}. */
    public static final String FORECAST_SMAPE = "streamcast.forecast.smape";
    /**
     * Scaled absolute error of settled forecasts (MASE's terms: |observed − mean| over the series' mean
     * absolute one-step change so far), tags {@code model} and {@code horizon}.
     */
    public static final String FORECAST_MASE = "streamcast.forecast.mase";
    /** The interval coverage the models aim for (0..1), gauge. */
    public static final String COVERAGE_TARGET = "streamcast.forecast.coverage.target";
    /** Wall time of one model call (learn the batch's observations, then forecast), timer, tag {@code model}. */
    public static final String MODEL_STEP = "streamcast.model.step";
    /** Observations per model call, summary, tag {@code model}. */
    public static final String MODEL_BATCH = "streamcast.model.batch.size";
    /** Steps a model threw on (dead-lettered), tag {@code model}. */
    public static final String MODEL_FAILURES = "streamcast.model.failures";
    /** Latest value of an allow-listed series, gauge, tag {@code series}. */
    public static final String SERIES_VALUE = "streamcast.series.value";
    /** Next-step forecast of an allow-listed series, gauge, tags {@code series} and {@code bound} (mean|lo|hi). */
    public static final String SERIES_FORECAST = "streamcast.series.forecast";
    /** Anomaly score of the latest value of an allow-listed series, gauge, tag {@code series}. */
    /** When an allow-listed series was last observed (Unix seconds, wall time), gauge, tag {@code series}. */
    public static final String SERIES_LAST_SEEN = "streamcast.series.last.seen";
    /** Wall time from an event's timestamp to the publication of the forecast it led to, timer. */
    public static final String FORECAST_DELAY = "streamcast.forecast.delay";
    /** Series whose model state is in memory, gauge. */
    public static final String SERIES_LIVE = "streamcast.series.live";
    /** Keys in this instance's series stores, RocksDB's estimate (high until compaction), gauge. */
    public static final String SERIES_STORED = "streamcast.series.stored";
    /** Series evicted from memory by the series cache, counter. */
    public static final String SERIES_EVICTIONS = "streamcast.series.evictions";
    public static final String SERIES_ANOMALY_SCORE = "streamcast.series.anomaly.score";
    /**
     * Settings of a topic the service writes to that would delete what it writes (compaction of an output, a time
     * retention under event-time stamps or on the config topic), gauge, tag {@code topic}: 0 when it is safe.
     */
    public static final String TOPIC_UNSAFE = "streamcast.topic.unsafe";

    public static final String OUTCOME_ACCEPTED = "accepted";

    private MeterNames() {
    }
}
