package io.streamcast.model;

/**
 * The errors of one settled forecast point — a forecast step and the value that arrived for it —
 * defined once, for the live settlement meters and for offline evaluation alike.
 */
public final class PointErrors {
    /** sMAPE on the M4 competition's scale, in percent: 0 to 200. */
    public static final double PERCENT = 200;
    /** sMAPE as a fraction: 0 to 2 (the published settlement meters). */
    public static final double FRACTION = 2;

    private PointErrors() {}

    /**
     * {@code full}·|y − f| / (|y| + |f|), {@code full} the value of the worst error ({@link #PERCENT} or
     * {@link #FRACTION}); a pair with y = f = 0 counts 0 (a perfect forecast; the formula is 0/0 there).
     */
    public static double smape(double actual, double forecast, double full) {
        double denom = Math.abs(actual) + Math.abs(forecast);
        return denom == 0 ? 0.0 : full * Math.abs(actual - forecast) / denom;
    }

    /** |y − f| / s, the MASE term of one pair; {@code scale} is the series' scale (positive). */
    public static double scaled(double actual, double forecast, double scale) {
        return Math.abs(actual - forecast) / scale;
    }

    /** Whether the interval [lo, hi] holds the actual value. */
    public static boolean covered(double actual, double lo, double hi) {
        return lo <= actual && actual <= hi;
    }
}
