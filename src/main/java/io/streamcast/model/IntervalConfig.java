package io.streamcast.model;

/**
 * Prediction intervals ({@link ConformalIntervals}): target coverage; the memory, in settled errors,
 * of each step's mean absolute error; the rate γ at which quantile tracking steers the width factor
 * (c ← c·exp(γ·(miss − α)): larger follows changes faster, smaller jitters less); and how many errors
 * a step needs before it has an interval of its own (until then it borrows the nearest shorter step's
 * width, scaled by √h). Defaults: window 50, γ 0.02 (misses are learned h steps late, and a larger
 * gain on delayed feedback oscillates), 10 errors.
 */
public record IntervalConfig(double coverage, int window, double gamma, int minErrors) {

    public static final String WINDOW = "streamcast.intervals.window";
    public static final String GAMMA = "streamcast.intervals.gamma";
    public static final String MIN_ERRORS = "streamcast.intervals.min-errors";

    public IntervalConfig {
        if (!(coverage > 0.0 && coverage < 1.0)) {
            throw new IllegalArgumentException(EngineConfig.COVERAGE + " must be strictly between 0 and 1, got " + coverage);
        }
        if (window < 2 || window > 100_000) {
            throw new IllegalArgumentException(WINDOW + " must be in 2..100000, got " + window);
        }
        if (!(gamma >= 0.0 && gamma < 0.5)) {
            throw new IllegalArgumentException(GAMMA + " must be in [0, 0.5), got " + gamma);
        }
        if (minErrors < 1 || minErrors > window) {
            throw new IllegalArgumentException(MIN_ERRORS + " must be in 1.." + WINDOW + " (" + window + "), got " + minErrors);
        }
    }

    public static IntervalConfig from(EngineConfig c) {
        return new IntervalConfig(c.coverage(), c.intSetting(WINDOW, 50), c.doubleSetting(GAMMA, 0.02),
                c.intSetting(MIN_ERRORS, 10));
    }
}
