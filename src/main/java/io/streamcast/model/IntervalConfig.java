package io.streamcast.model;

import io.streamcast.config.Importance;
import io.streamcast.config.Key;
import io.streamcast.config.KeyTable;
import io.streamcast.config.Type;
import io.streamcast.config.Validator;

/**
 * Prediction intervals ({@link ConformalIntervals}): target coverage; the memory, in settled errors,
 * of each step's mean absolute error; the rate γ at which quantile tracking steers the width factor
 * (c ← c·exp(γ·(miss − α)): larger follows changes faster, smaller jitters less); and how many errors
 * a step needs before it has an interval of its own (until then it borrows the nearest shorter step's
 * width, scaled by √h). Keys and defaults in {@link #KEYS}; γ is small because misses are learned h steps
 * late, and a larger gain on delayed feedback oscillates.
 */
public record IntervalConfig(double coverage, int window, double gamma, int minErrors) {

    private static final KeyTable.Builder DEFINE = KeyTable.builder("streamcast.intervals.");
    static final Key<Integer> WINDOW_KEY = DEFINE.define("streamcast.intervals.window", Type.INT, 50,
            Validator.between(2, 100_000), Importance.LOW, "settled errors each step's mean absolute error remembers");
    static final Key<Double> GAMMA_KEY = DEFINE.define("streamcast.intervals.gamma", Type.DOUBLE, 0.02,
            Validator.of("in [0, 0.5)", g -> g >= 0.0 && g < 0.5), Importance.LOW,
            "rate at which quantile tracking steers each step's width factor: larger follows changes faster, "
                    + "smaller jitters less");
    static final Key<Integer> MIN_ERRORS_KEY = DEFINE.define("streamcast.intervals.min-errors", Type.INT, 10,
            Validator.atLeast(1), Importance.LOW, "settled errors a step needs before it has an interval of its own "
                    + "(until then it borrows the nearest shorter step's width, scaled by √h); at most the window");
    /** The intervals' keys but the coverage, which is the engine's ({@link EngineConfig#COVERAGE_KEY}). */
    static final KeyTable KEYS = DEFINE.build();

    public static final String WINDOW = WINDOW_KEY.name();
    public static final String GAMMA = GAMMA_KEY.name();
    public static final String MIN_ERRORS = MIN_ERRORS_KEY.name();

    public IntervalConfig {
        EngineConfig.COVERAGE_KEY.check(coverage);
        WINDOW_KEY.check(window);
        GAMMA_KEY.check(gamma);
        if (minErrors < 1 || minErrors > window) {
            throw new IllegalArgumentException(MIN_ERRORS + " must be in 1.." + WINDOW + " (" + window + "), got " + minErrors);
        }
    }

    public static IntervalConfig from(EngineConfig c) {
        return new IntervalConfig(c.coverage(), c.get(WINDOW_KEY), c.get(GAMMA_KEY), c.get(MIN_ERRORS_KEY));
    }
}
