package io.streamcast.model;

import java.util.TreeSet;

/**
 * Settings of the AR model, read from {@link EngineConfig} keys {@code streamcast.model.ar.*}:
 * <ul>
 * <li>{@code order} p — lags 1..p (default 8 without season; 2 with one, where the seasonal lags
 * carry the long memory and a short series cannot afford many coefficients);</li>
 * <li>{@code seasonal-lags} k — adds lags S, 2S, …, kS when a season S is set (default 2);</li>
 * <li>{@code forgetting} λ in (0.9, 1] — RLS forgetting factor, memory ≈ 1/(1−λ) (default 0.9995);</li>
 * <li>{@code delta} — initial P = δ·I, the prior's looseness in scaled units (default 1e4);</li>
 * <li>{@code intercept} (default true);</li>
 * <li>{@code seasonal-differencing} — learn x(t) − x(t−S) instead of x(t) (default true when a season
 * is set: the model then starts as seasonal naive and learns drift and corrections on top);</li>
 * <li>{@code transform} none | log | boxcox, {@code boxcox-lambda} (default none, 0.5);</li>
 * <li>{@code outlier-k} — a value more than k robust scales from its one-step forecast is learned as
 * forecast ± k scales (default 5; 0 learns every value as it is), {@code outlier-confirm} — that many
 * such values in a row, same side, are a level shift and are learned as they are (default 2).</li>
 * </ul>
 */
record ArConfig(int horizon, int season, int order, int seasonalLags, double forgetting, double delta,
        boolean intercept, boolean seasonalDifferencing, Transform.Kind transform, double boxCoxLambda,
        double outlierK, int outlierConfirm, IntervalConfig intervals) {

    static final String PREFIX = "streamcast.model.ar.";

    ArConfig {
        if (order < 0 || order > 512) {
            throw new IllegalArgumentException(PREFIX + "order must be in 0..512, got " + order);
        }
        if (seasonalLags < 0 || seasonalLags > 16) {
            throw new IllegalArgumentException(PREFIX + "seasonal-lags must be in 0..16, got " + seasonalLags);
        }
        if (!(forgetting > 0.9 && forgetting <= 1.0)) {
            throw new IllegalArgumentException(PREFIX + "forgetting must be in (0.9, 1], got " + forgetting);
        }
        if (!(delta > 0 && delta <= 1e8)) {
            throw new IllegalArgumentException(PREFIX + "delta must be in (0, 1e8], got " + delta);
        }
        if (seasonalDifferencing && season < 2) {
            throw new IllegalArgumentException(PREFIX + "seasonal-differencing needs a season of at least 2 ("
                    + EngineConfig.SEASON + "), got " + season);
        }
        if (lags(order, season, seasonalLags).length == 0) {
            throw new IllegalArgumentException(PREFIX + "order is 0 and no seasonal lags: the model has no lags");
        }
        if (!(outlierK >= 0 && outlierK <= 100)) {
            throw new IllegalArgumentException(PREFIX + "outlier-k must be in [0, 100], got " + outlierK);
        }
        if (outlierConfirm < 1 || outlierConfirm > 1000) {
            throw new IllegalArgumentException(PREFIX + "outlier-confirm must be in 1..1000, got " + outlierConfirm);
        }
        if (!(boxCoxLambda >= -2 && boxCoxLambda <= 2)) {
            throw new IllegalArgumentException(PREFIX + "boxcox-lambda must be in [-2, 2], got " + boxCoxLambda);
        }
    }

    static ArConfig from(EngineConfig c) {
        int season = c.seasons().shortest(); // detected seasons: not yet, the AR follows
        boolean seasonal = season >= 2;
        return new ArConfig(c.horizon(), season, c.intSetting(PREFIX + "order", seasonal ? 2 : 8),
                c.intSetting(PREFIX + "seasonal-lags", 2), c.doubleSetting(PREFIX + "forgetting", 0.9995),
                c.doubleSetting(PREFIX + "delta", 1e4), c.booleanSetting(PREFIX + "intercept", true),
                c.booleanSetting(PREFIX + "seasonal-differencing", seasonal),
                Transform.parse(PREFIX + "transform", c.setting(PREFIX + "transform", "none")),
                c.doubleSetting(PREFIX + "boxcox-lambda", 0.5), c.doubleSetting(PREFIX + "outlier-k", 5.0),
                c.intSetting(PREFIX + "outlier-confirm", 2), IntervalConfig.from(c));
    }

    /** The lags, ascending and distinct: 1..p, then S, 2S, …, kS when a season is set. */
    int[] lags() {
        return lags(order, season, seasonalLags);
    }

    private static int[] lags(int order, int season, int seasonalLags) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int l = 1; l <= order; l++) {
            set.add(l);
        }
        if (season > 1) {
            for (int k = 1; k <= seasonalLags; k++) {
                set.add(k * season);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }
}
