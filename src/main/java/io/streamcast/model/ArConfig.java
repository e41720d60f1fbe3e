package io.streamcast.model;

import io.streamcast.config.Importance;
import io.streamcast.config.Key;
import io.streamcast.config.KeyTable;
import io.streamcast.config.Type;
import io.streamcast.config.Validator;

/**
 * Settings of the AR model, read from {@link EngineConfig} keys {@code streamcast.model.ar.*} (defined, with their
 * defaults and meanings, in {@link #KEYS}); the seasonal periods come from {@link EngineConfig#seasons()} (detected
 * per series by default).
 */
record ArConfig(int horizon, Seasons seasons, int history, int order, int seasonalLags, Criterion criterion,
        int selectEvery, double forgetting, double delta, double huberK, Transform.Kind transform,
        double boxCoxLambda, double outlierK, int outlierConfirm, double shiftMemory, IntervalConfig intervals) {

    static final String PREFIX = "streamcast.model.ar.";

    /** How a series' lags are chosen from the candidates: Schwarz's (stricter) or Akaike's criterion. */
    enum Criterion { BIC, AIC }

    private static final KeyTable.Builder DEFINE = KeyTable.builder(PREFIX);
    static final Key<Integer> ORDER = DEFINE.define(PREFIX + "order", Type.INT, 8, Validator.between(1, 64),
            Importance.MEDIUM, "the largest order tried: each series chooses among orders 1, 2, 3, 4, 6, 8, … up to it");
    static final Key<Integer> SEASONAL_LAGS = DEFINE.define(PREFIX + "seasonal-lags", Type.INT, 1,
            Validator.between(0, 4), Importance.LOW, "k: lags P, 2P, …, kP of each seasonal period P are offered");
    static final Key<Criterion> CRITERION = DEFINE.define(PREFIX + "criterion", Type.choice(Criterion.class),
            Criterion.BIC, Validator.any(), Importance.LOW, "how a series chooses its lags: Schwarz's (stricter) or Akaike's");
    static final Key<Integer> SELECT_EVERY = DEFINE.define(PREFIX + "select-every", Type.INT, 16,
            Validator.between(1, 100_000), Importance.LOW, "values between two choices of lags");
    static final Key<Double> FORGETTING = DEFINE.define(PREFIX + "forgetting", Type.DOUBLE, 0.9995,
            Validator.of("in (0.9, 1]", v -> v > 0.9 && v <= 1.0), Importance.MEDIUM,
            "λ, the weight of the past: memory ≈ 1/(1−λ) values");
    static final Key<Double> DELTA = DEFINE.define(PREFIX + "delta", Type.DOUBLE, 1e4,
            Validator.of("in (0, 1e8]", v -> v > 0 && v <= 1e8), Importance.LOW,
            "the prior's looseness: a ridge of 1/δ (scaled units) towards the naive forecast");
    static final Key<Double> HUBER_K = DEFINE.define(PREFIX + "huber-k", Type.DOUBLE, 2.0,
            Validator.of("in [0, 100]", v -> v >= 0 && v <= 100), Importance.LOW, "a fitting residual beyond k robust "
                    + "scales counts with weight k·scale/|r| (Huber); 0 fits by least squares");
    static final Key<Transform.Kind> TRANSFORM = DEFINE.define(PREFIX + "transform", Transform.TYPE,
            Transform.Kind.NONE, Validator.any(), Importance.LOW, "`none`, `log` or `boxcox` (with `boxcox-lambda`)");
    static final Key<Double> BOXCOX_LAMBDA = DEFINE.define(PREFIX + "boxcox-lambda", Type.DOUBLE, 0.5,
            Validator.of("in [-2, 2]", v -> v >= -2 && v <= 2), Importance.LOW, "λ of the Box-Cox transform");
    static final Key<Double> OUTLIER_K = DEFINE.define(PREFIX + "outlier-k", Type.DOUBLE, 5.0,
            Validator.of("in [0, 100]", v -> v >= 0 && v <= 100), Importance.LOW, "a value more than k robust scales "
                    + "from its one-step forecast enters the lag window as forecast ± k scales; 0 keeps every value");
    static final Key<Integer> OUTLIER_CONFIRM = DEFINE.define(PREFIX + "outlier-confirm", Type.INT, 2,
            Validator.between(1, 1000), Importance.LOW,
            "that many outliers in a row, same side, are a level shift: they are kept as they are");
    static final Key<Double> SHIFT_MEMORY = DEFINE.define(PREFIX + "shift-memory", Type.DOUBLE, 0.25,
            Validator.of("in [0, 1]", v -> v >= 0 && v <= 1), Importance.LOW, "the part of its past the fit keeps at a level shift");
    static final KeyTable KEYS = DEFINE
            .removed(PREFIX + "intercept", 11, "AR always fits an intercept")
            .removed(PREFIX + "seasonal-differencing", 11, "AR regresses on values and on seasonal differences side by "
                    + "side and takes each horizon step from the one with the lower settled error")
            .build();

    ArConfig {
        ORDER.check(order);
        SEASONAL_LAGS.check(seasonalLags);
        SELECT_EVERY.check(selectEvery);
        FORGETTING.check(forgetting);
        DELTA.check(delta);
        HUBER_K.check(huberK);
        OUTLIER_K.check(outlierK);
        OUTLIER_CONFIRM.check(outlierConfirm);
        SHIFT_MEMORY.check(shiftMemory);
        BOXCOX_LAMBDA.check(boxCoxLambda);
    }

    static ArConfig from(EngineConfig c) {
        return new ArConfig(c.horizon(), c.seasons(), c.seasonHistory(), c.get(ORDER), c.get(SEASONAL_LAGS),
                c.get(CRITERION), c.get(SELECT_EVERY), c.get(FORGETTING), c.get(DELTA), c.get(HUBER_K),
                c.get(TRANSFORM), c.get(BOXCOX_LAMBDA), c.get(OUTLIER_K), c.get(OUTLIER_CONFIRM), c.get(SHIFT_MEMORY),
                IntervalConfig.from(c));
    }

    /** The orders a series chooses from: 1, 2, 3, 4, 6, 8, 12, 16, … up to {@link #order}, and order itself. */
    int[] orders() {
        java.util.TreeSet<Integer> o = new java.util.TreeSet<>();
        for (int p : new int[] {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64}) {
            if (p <= order) {
                o.add(p);
            }
        }
        o.add(order);
        return o.stream().mapToInt(Integer::intValue).toArray();
    }
}
