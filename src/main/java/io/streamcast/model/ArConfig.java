package io.streamcast.model;

/**
 * Settings of the AR model, read from {@link EngineConfig} keys {@code streamcast.model.ar.*}; the
 * seasonal periods come from {@link EngineConfig#seasons()} (detected per series by default).
 * <ul>
 * <li>{@code order} p — the largest order tried: each series chooses among orders 1, 2, 3, 4, 6, 8, …
 * up to p (default 8);</li>
 * <li>{@code seasonal-lags} k — lags P, 2P, …, kP of each seasonal period P are offered (default 1);</li>
 * <li>{@code criterion} bic | aic — how a series chooses its lags (default bic);</li>
 * <li>{@code select-every} — values between two choices of lags (default 16);</li>
 * <li>{@code forgetting} λ in (0.9, 1] — weight of the past, memory ≈ 1/(1−λ) values (default 0.9995);</li>
 * <li>{@code delta} — the prior's looseness: a ridge of 1/δ (scaled units) towards the naive forecast (default 1e4);</li>
 * <li>{@code huber-k} — a fitting residual beyond k robust scales counts with weight k·scale/|r| (Huber;
 * default 2; 0 fits by least squares);</li>
 * <li>{@code transform} none | log | boxcox, {@code boxcox-lambda} (default none, 0.5);</li>
 * <li>{@code outlier-k} — a value more than k robust scales from its one-step forecast enters the lag window
 * as forecast ± k scales (default 5; 0 keeps every value as it is), {@code outlier-confirm} — that many such
 * values in a row, same side, are a level shift: they are kept as they are (default 2), and the fit keeps
 * {@code shift-memory} of its past (default 0.05);</li>
 * </ul>
 */
record ArConfig(int horizon, Seasons seasons, int history, int order, int seasonalLags, Criterion criterion,
        int selectEvery, double forgetting, double delta, double huberK, Transform.Kind transform,
        double boxCoxLambda, double outlierK, int outlierConfirm, double shiftMemory, IntervalConfig intervals) {

    static final String PREFIX = "streamcast.model.ar.";

    /** How a series' lags are chosen from the candidates: Schwarz's (stricter) or Akaike's criterion. */
    enum Criterion { BIC, AIC }

    ArConfig {
        if (order < 1 || order > 64) {
            throw new IllegalArgumentException(PREFIX + "order must be in 1..64, got " + order);
        }
        if (seasonalLags < 0 || seasonalLags > 4) {
            throw new IllegalArgumentException(PREFIX + "seasonal-lags must be in 0..4, got " + seasonalLags);
        }
        if (selectEvery < 1 || selectEvery > 100_000) {
            throw new IllegalArgumentException(PREFIX + "select-every must be in 1..100000, got " + selectEvery);
        }
        if (!(forgetting > 0.9 && forgetting <= 1.0)) {
            throw new IllegalArgumentException(PREFIX + "forgetting must be in (0.9, 1], got " + forgetting);
        }
        if (!(delta > 0 && delta <= 1e8)) {
            throw new IllegalArgumentException(PREFIX + "delta must be in (0, 1e8], got " + delta);
        }
        if (!(huberK >= 0 && huberK <= 100)) {
            throw new IllegalArgumentException(PREFIX + "huber-k must be in [0, 100], got " + huberK);
        }
        if (!(outlierK >= 0 && outlierK <= 100)) {
            throw new IllegalArgumentException(PREFIX + "outlier-k must be in [0, 100], got " + outlierK);
        }
        if (outlierConfirm < 1 || outlierConfirm > 1000) {
            throw new IllegalArgumentException(PREFIX + "outlier-confirm must be in 1..1000, got " + outlierConfirm);
        }
        if (!(shiftMemory >= 0 && shiftMemory <= 1)) {
            throw new IllegalArgumentException(PREFIX + "shift-memory must be in [0, 1], got " + shiftMemory);
        }
        if (!(boxCoxLambda >= -2 && boxCoxLambda <= 2)) {
            throw new IllegalArgumentException(PREFIX + "boxcox-lambda must be in [-2, 2], got " + boxCoxLambda);
        }
    }

    static ArConfig from(EngineConfig c) {
        return new ArConfig(c.horizon(), c.seasons(), c.seasonHistory(), c.intSetting(PREFIX + "order", 8),
                c.intSetting(PREFIX + "seasonal-lags", 1), criterion(c.setting(PREFIX + "criterion", "bic")),
                c.intSetting(PREFIX + "select-every", 16), c.doubleSetting(PREFIX + "forgetting", 0.9995),
                c.doubleSetting(PREFIX + "delta", 1e4), c.doubleSetting(PREFIX + "huber-k", 2.0),
                Transform.parse(PREFIX + "transform", c.setting(PREFIX + "transform", "none")),
                c.doubleSetting(PREFIX + "boxcox-lambda", 0.5), c.doubleSetting(PREFIX + "outlier-k", 5.0),
                c.intSetting(PREFIX + "outlier-confirm", 2), c.doubleSetting(PREFIX + "shift-memory", 0.25),
                IntervalConfig.from(c));
    }

    private static Criterion criterion(String v) {
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "bic" -> Criterion.BIC;
            case "aic" -> Criterion.AIC;
            default -> throw new IllegalArgumentException(PREFIX + "criterion must be bic or aic, got '" + v + "'");
        };
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
