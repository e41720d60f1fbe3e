package io.streamcast.stream;

/**
 * What the topology counts, for runtime to bind to its meter registry. Called on stream threads;
 * implementations must be thread-safe and cheap. {@link #NONE} counts nothing.
 * {@link MicrometerStreamcastMetrics} is the Micrometer binding.
 */
public interface StreamcastMetrics {

    /**
     * The fate of one input record, counted once per record: {@code accepted} into its series'
     * resampling, or dead-lettered ({@code outcome} is the kind code: too-large, malformed, missing-field,
     * invalid-value, invalid-timestamp, invalid-series, late).
     */
    default void event(String outcome) {}

    /** {@link #event(String)} of a record read from {@code topic}. */
    default void event(String topic, String outcome) {
        event(outcome);
    }

    /** The input topics known at start (none with a pattern subscription): their outcomes start at 0. */
    default void inputTopics(java.util.List<String> topics) {}

    /** A model failed on one step of a series; the step was dead-lettered as {@code processing-error}. */
    default void modelFailure(String model) {}

    /** A forecast was published by {@code model}. */
    default void forecast(String model) {}

    /** An anomaly was flagged by the scores of {@code model}. */
    default void anomaly(String model) {}

    /**
     * A forecast was settled: the observation arrived for step {@code horizon} (1-based) of a forecast
     * of {@code model}; {@code error} = observed − forecast mean, {@code covered} whether the
     * observation fell inside the prediction interval.
     */
    default void settled(String model, int horizon, double error, boolean covered) {}

    /** sMAPE = 2|observed − mean| / (|observed| + |mean|) of a settled forecast step (0 when both are 0). */
    default void settledSmape(String model, int horizon, double smape) {}

    /** |observed − mean| of a settled forecast step over the series' mean absolute one-step change (MASE's term). */
    default void settledMase(String model, int horizon, double scaledError) {}

    /** The interval coverage the engines aim for, from {@code streamcast.intervals.coverage}. */
    default void coverageTarget(double coverage) {}

    /** One call of {@code model}: learned {@code observations} and forecast, taking {@code nanos}. */
    default void modelStep(String model, int observations, long nanos) {}

    /** An observation of {@code series} and its anomaly score (NaN when not scored). */
    default void seriesObserved(String series, double value, double score) {}

    /** The next-step forecast published for {@code series}. */
    default void seriesForecast(String series, double mean, double lo, double hi) {}

    /** The models the topology may use, known at start: their counters start at 0 rather than appear late. */
    default void models(java.util.List<String> models) {}

    /** A forecast was published {@code millis} (wall time) after the timestamp of the event that led to it. */
    default void forecastDelay(long millis) {}

    /** After a batch: {@code task} holds {@code live} series in its engines' memory and {@code stored} in its store. */
    default void seriesCounts(Object task, int live, long stored) {}

    /** The task closed (revoked or shut down): its counts no longer apply. */
    default void taskClosed(Object task) {}

    /** {@code series} series left the engines' memory to keep within {@code streamcast.series.cache}. */
    default void evicted(int series) {}

    /** Counts nothing: every callback is a no-op, so a test or tool overrides only what it watches. */
    StreamcastMetrics NONE = new StreamcastMetrics() {};
}
