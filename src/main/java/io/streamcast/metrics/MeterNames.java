package io.streamcast.metrics;

/**
 * The names of streamcast's own meters, declared once. Lowercase dotted; the Prometheus registry
 * turns {@code streamcast.events.in} into {@code streamcast_events_in_total}. Tags are bounded:
 * {@code outcome} (accepted or a dead-letter kind), {@code model}, {@code horizon} (1..H).
 */
public final class MeterNames {
    /** Input events, tag {@code outcome}: {@code accepted} or the dead-letter kind. */
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

    public static final String OUTCOME_ACCEPTED = "accepted";

    private MeterNames() {
    }
}
