package io.streamcast.anomaly;

import java.util.Properties;

/**
 * Settings of an {@link AnomalyDetector}. The defaults are the one parameter set tuned on the
 * nab-dev corpus (see "Anomaly scores" and "score" in README.md); every field has a namespaced property key.
 *
 * @param threshold        flag when score ≥ threshold; in (0, 1]. Key {@code streamcast.anomaly.threshold}
 * @param refractory       observations after a flag during which no new flag is raised, so one
 *                         incident gives one alert. Key {@code streamcast.anomaly.refractory}
 * @param residualWindow   effective length (observations) of the exponentially weighted residual
 *                         mean and variance. Key {@code streamcast.anomaly.residual-window}
 * @param shortWindow      number of recent surprises averaged into the "recent window" statistic.
 *                         Key {@code streamcast.anomaly.short-window}
 * @param longWindow       effective length of the distribution the recent average is judged
 *                         against. Key {@code streamcast.anomaly.long-window}
 * @param warmup           residuals learned before any score above 0 is given.
 *                         Key {@code streamcast.anomaly.warmup}
 * @param tailDecades      a tail probability of 10^-tailDecades maps to score 1 (score is
 *                         −log10(tail) / tailDecades, clipped). Key {@code streamcast.anomaly.tail-decades}
 * @param learnFromFlagged whether flagged observations update the residual statistics.
 *                         Key {@code streamcast.anomaly.learn-from-flagged}
 */
public record AnomalyConfig(double threshold, int refractory, int residualWindow, int shortWindow,
        int longWindow, int warmup, double tailDecades, boolean learnFromFlagged) {

    public static final String PREFIX = "streamcast.anomaly.";

    public AnomalyConfig {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(PREFIX + "threshold must be in (0, 1], got " + threshold);
        }
        requireAtLeast("refractory", refractory, 0);
        requireAtLeast("residual-window", residualWindow, 2);
        requireAtLeast("short-window", shortWindow, 1);
        requireAtLeast("long-window", longWindow, 2);
        requireAtLeast("warmup", warmup, 0);
        if (!(tailDecades > 0 && Double.isFinite(tailDecades))) {
            throw new IllegalArgumentException(PREFIX + "tail-decades must be a positive number, got " + tailDecades);
        }
    }

    /** The tuned defaults. */
    public static AnomalyConfig defaults() {
        return new AnomalyConfig(0.35, 150, 100, 5, 1000, 30, 12.0, true);
    }

    /** Reads {@code streamcast.anomaly.*} keys, falling back to {@link #defaults()} for absent ones. */
    public static AnomalyConfig fromProperties(Properties p) {
        AnomalyConfig d = defaults();
        return new AnomalyConfig(
                number(p, "threshold", d.threshold),
                integer(p, "refractory", d.refractory),
                integer(p, "residual-window", d.residualWindow),
                integer(p, "short-window", d.shortWindow),
                integer(p, "long-window", d.longWindow),
                integer(p, "warmup", d.warmup),
                number(p, "tail-decades", d.tailDecades),
                bool(p, "learn-from-flagged", d.learnFromFlagged));
    }

    public AnomalyConfig withThreshold(double t) {
        return new AnomalyConfig(t, refractory, residualWindow, shortWindow, longWindow, warmup, tailDecades,
                learnFromFlagged);
    }

    private static void requireAtLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(PREFIX + key + " must be ≥ " + min + ", got " + value);
        }
    }

    private static String raw(Properties p, String key) {
        String v = p.getProperty(PREFIX + key);
        return v == null ? null : v.trim();
    }

    private static double number(Properties p, String key, double fallback) {
        String v = raw(p, key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + ": expected a number, got '" + v + "'");
        }
    }

    private static int integer(Properties p, String key, int fallback) {
        String v = raw(p, key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + ": expected an integer, got '" + v + "'");
        }
    }

    private static boolean bool(Properties p, String key, boolean fallback) {
        String v = raw(p, key);
        if (v == null) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(PREFIX + key + ": expected true or false, got '" + v + "'");
    }
}
