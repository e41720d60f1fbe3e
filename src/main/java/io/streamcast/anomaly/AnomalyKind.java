package io.streamcast.anomaly;

/** What kind of departure from a series' own behaviour an anomaly score is about. */
public enum AnomalyKind {
    /** One value far from the model's expectation (a spike up or a dip down). */
    SPIKE("spike"),
    /** The series' recent level differs from its usual level at that time scale. */
    LEVEL_SHIFT("level-shift"),
    /** The recent spread of the residuals differs from their usual spread (wider or narrower). */
    VARIANCE("variance"),
    /** The recent slope of the series differs from its usual slope. */
    TREND("trend"),
    /** The value has stopped changing for longer than the series ever does. */
    FLATLINE("flatline"),
    /** The series went quiet: the time since its previous event is far longer than usual. */
    SILENCE("silence"),
    /** Events arrive far faster than usual. */
    FLOOD("flood"),
    /** The values depart persistently from what the seasonal model expects at this time of the cycle. */
    SEASONAL_BREAK("seasonal-break");

    private final String label;

    AnomalyKind(String label) {
        this.label = label;
    }

    /** The name written in outputs: {@code spike}, {@code level-shift}, ... */
    public String label() {
        return label;
    }
}
