package io.streamcast.evaluate;

import io.streamcast.model.PointErrors;

/**
 * One forecaster's errors, accumulated pair by pair (a pair: one forecast step and the value that
 * arrived for it), with the M4 competition's definitions:
 * <ul>
 * <li>sMAPE = mean over pairs of 200·|y − f| / (|y| + |f|); a pair with y = f = 0 counts 0 (a perfect
 * forecast — the M4 formula is 0/0 there; no M4 series has such a pair);</li>
 * <li>MASE = mean over pairs of |y − f| / s, s the series' scale ({@link #scale});</li>
 * <li>MSIS at level 1 − α = mean over pairs of ((U − L) + (2/α)(L − y)·[y &lt; L] + (2/α)(y − U)·[y &gt; U]) / s;</li>
 * <li>coverage = share of pairs with L ≤ y ≤ U.</li>
 * </ul>
 * With every series scored on the same number of steps (M4: one forecast of h steps per series)
 * the mean over pairs is the M4 mean over series of each series' mean. A pair whose forecast is not
 * finite is not scored but counted as missing; a series whose scale is 0 or undefined (constant, or
 * not longer than m) has no MASE or MSIS pairs — the M4 formulas divide by zero there (the driver
 * counts such series). Intervals that are not finite give no MSIS or coverage pair.
 */
public final class Accuracy {
    private final String name;
    private final double alpha;
    private double smapeSum;
    private long pairs;
    private double maseSum;
    private long masePairs;
    private double msisSum;
    private long msisPairs;
    private long intervalPairs;
    private long covered;
    private long missing;

    /** {@code level} is the intervals' nominal coverage in (0, 1); α = 1 − level. */
    public Accuracy(String name, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be strictly between 0 and 1, got " + level);
        }
        this.name = name;
        this.alpha = 1 - level;
    }

    /**
     * The M4 scale of a series: mean over t of |x_t − x_{t−m}| on its in-sample values; NaN when there
     * are not more than m values.
     */
    public static double scale(double[] x, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("MASE period must be at least 1, got " + m);
        }
        double sum = 0;
        int n = 0;
        for (int t = m; t < x.length; t++) {
            sum += Math.abs(x[t] - x[t - m]);
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Scores one pair: actual y, forecast mean f, interval [lo, hi] (NaN for none), series scale s. */
    public void add(double y, double f, double lo, double hi, double scale) {
        if (!Double.isFinite(f)) {
            missing++;
            return;
        }
        smapeSum += PointErrors.smape(y, f, PointErrors.PERCENT);
        pairs++;
        boolean scaled = scale > 0 && Double.isFinite(scale);
        if (scaled) {
            maseSum += PointErrors.scaled(y, f, scale);
            masePairs++;
        }
        if (Double.isFinite(lo) && Double.isFinite(hi)) {
            if (PointErrors.covered(y, lo, hi)) {
                covered++;
            }
            intervalPairs++;
            if (scaled) {
                double is = (hi - lo) + (y < lo ? 2 / alpha * (lo - y) : 0) + (y > hi ? 2 / alpha * (y - hi) : 0);
                msisSum += is / scale;
                msisPairs++;
            }
        }
    }

    /**
     * The totals: sMAPE, MASE, MSIS and coverage (NaN where nothing was scored), pairs scored, pairs
     * missing, and OWA against {@code naive2}'s aggregate sMAPE and MASE (NaN without it).
     */
    public Scores scores(Scores naive2) {
        double smape = pairs == 0 ? Double.NaN : smapeSum / pairs;
        double mase = masePairs == 0 ? Double.NaN : maseSum / masePairs;
        double owa = naive2 == null ? Double.NaN : (smape / naive2.smape() + mase / naive2.mase()) / 2;
        return new Scores(name, smape, mase, owa, msisPairs == 0 ? Double.NaN : msisSum / msisPairs,
                intervalPairs == 0 ? Double.NaN : (double) covered / intervalPairs, pairs, missing);
    }

    /** A row of results; OWA relative to the Naive2 of the same run. */
    public record Scores(String name, double smape, double mase, double owa, double msis, double coverage, long pairs,
            long missing) {}
}
