package io.streamcast.evaluate;

import java.util.Arrays;
import java.util.Locale;

/**
 * The frequency of a series' observations, as the M4 competition names them, with the two periods
 * that follow from it: M4's m — the lag of its MASE scale and Naive2's period, as the competition's
 * code sets {@code frequency} per subset (hourly 24, daily 1, weekly 1, monthly 12, quarterly 4,
 * yearly 1: daily and weekly series are non-seasonal for M4's scoring, their 7- and 52-step cycles
 * were not used) — and the natural cycle, the seasonal naive baseline's period (hourly 24, daily 7,
 * weekly 52, monthly 12, quarterly 4; none for yearly).
 */
public enum Frequency {
    HOURLY(24, 24, 3_600_000L, 3_600_000L),
    DAILY(1, 7, 86_400_000L, 86_400_000L),
    WEEKLY(1, 52, 7 * 86_400_000L, 7 * 86_400_000L),
    MONTHLY(12, 12, 28 * 86_400_000L, 31 * 86_400_000L),
    QUARTERLY(4, 4, 89 * 86_400_000L, 92 * 86_400_000L),
    YEARLY(1, 0, 365 * 86_400_000L, 366 * 86_400_000L);

    private final int m4Period;
    private final int cycle;
    private final long minStep;
    private final long maxStep;

    Frequency(int m4Period, int cycle, long minStep, long maxStep) {
        this.m4Period = m4Period;
        this.cycle = cycle;
        this.minStep = minStep;
        this.maxStep = maxStep;
    }

    /** M4's m: the MASE and MSIS scale's lag and Naive2's period. */
    public int m4Period() {
        return m4Period;
    }

    /** The natural cycle in steps (the seasonal naive's period); 0 when there is none (yearly). */
    public int cycle() {
        return cycle;
    }

    /** Lower-case name as written on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code hourly|daily|weekly|monthly|quarterly|yearly}; anything else is an error quoting it. */
    public static Frequency parse(String text) {
        for (Frequency f : values()) {
            if (f.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("frequency must be one of hourly, daily, weekly, monthly, quarterly, yearly; got '"
                + text + "'");
    }

    /**
     * The frequency whose step matches the median of the given gaps between consecutive timestamps
     * (milliseconds; months and quarters by their range of lengths); null when there are no gaps or
     * the median matches none (e.g. 5-minute data).
     */
    public static Frequency infer(long[] gaps) {
        if (gaps.length == 0) {
            return null;
        }
        long[] g = gaps.clone();
        Arrays.sort(g);
        long median = g[g.length / 2];
        for (Frequency f : values()) {
            if (median >= f.minStep && median <= f.maxStep) {
                return f;
            }
        }
        return null;
    }
}
