package io.streamcast.anomaly;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Settings of an {@link AnomalyDetector}; every field has a namespaced property key
 * ({@code streamcast.anomaly.*}). The defaults are the one parameter set chosen on the nab-dev files
 * (docs/anomalies.md): nothing in them is per file or per series.
 *
 * @param threshold      flag when score ≥ threshold; in (0, 1]. The default is the threshold that
 *                       scores best on nab-dev under NAB's standard profile. Key {@code threshold}
 * @param warmup         observations learned before any score above 0 is given. Key {@code warmup}
 * @param residualWindow effective length (observations) of the robust residual location and scale.
 *                       Key {@code residual-window}
 * @param longWindow     effective length of the history each statistic is judged against, and of
 *                       the series' long-run level. Key {@code long-window}
 * @param scales         the time scales (observations) of the level, bias and spread statistics,
 *                       increasing, each ≥ 2. Key {@code scales}, e.g. {@code 8,32,128}
 * @param tailDecades    a surprise of this many decades (a tail probability of 10^-tailDecades)
 *                       maps to score 1. Key {@code tail-decades}
 * @param halfLife       after a surprise, a later one must exceed it — decayed with this half-life
 *                       in observations — to score again: one incident gives one high score.
 *                       Key {@code half-life}
 * @param season         the season length in observations of the series (0: none or unknown). With a
 *                       season of at least 16 the detector keeps a shape memory of past seasons; a persistent
 *                       departure from a seasonal model's expectation is named a seasonal-break.
 *                       Key {@code season}; {@code score} guesses it per file, the service takes
 *                       {@code streamcast.model.season}
 * @param shapeMemory    the segments' worth of past season shapes kept (one eighth of a season each; 0: no
 *                       shape memory). Each costs 8 bytes of state. Key {@code shape-memory}
 */
public record AnomalyConfig(double threshold, int warmup, int residualWindow, int longWindow, int[] scales,
        double tailDecades, double halfLife, int season, int shapeMemory) {

    public static final String PREFIX = "streamcast.anomaly.";
    /** The one parameter set; see docs/anomalies.md for how the threshold was chosen. */
    private static final AnomalyConfig DEFAULTS = new AnomalyConfig(0.16, 100, 100, 1000, new int[] {8, 32, 128},
            40.0, 400.0, 0, 256);
    /** The keys read, without the prefix. */
    static final List<String> KEYS = List.of("threshold", "warmup", "residual-window", "long-window", "scales",
            "tail-decades", "half-life", "season", "shape-memory");
    /** Keys of earlier detectors, rejected with what became of them. */
    private static final Map<String, String> REMOVED = Map.of(
            "refractory", "the score carries its own suppression of repeats (one incident, one high score); "
                    + "there is no refractory period to set",
            "short-window", "the detector judges several time scales; set them with " + PREFIX + "scales",
            "learn-from-flagged", "the detector learns from every observation; its statistics are judged against "
                    + "their own history, so an anomaly does not make the next one normal");

    /** Keys of earlier detectors, with the prefix, and what became of them. */
    public static Map<String, String> removedKeys() {
        Map<String, String> out = new java.util.TreeMap<>();
        REMOVED.forEach((k, why) -> out.put(PREFIX + k, why + " (removed in issue 12)"));
        return out;
    }

    public AnomalyConfig {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(PREFIX + "threshold must be in (0, 1], got " + threshold);
        }
        requireAtLeast("warmup", warmup, 0);
        requireAtLeast("residual-window", residualWindow, 2);
        requireAtLeast("long-window", longWindow, 2);
        requireAtLeast("season", season, 0);
        if (shapeMemory != 0 && (shapeMemory < 16 || shapeMemory > 65_536)) {
            throw new IllegalArgumentException(PREFIX + "shape-memory must be 0 (off) or in 16..65536 segments, got "
                    + shapeMemory);
        }
        scales = scales.clone();
        if (scales.length < 2 || scales.length > 8) {
            throw new IllegalArgumentException(PREFIX + "scales: expected 2 to 8 time scales, got " + scales.length);
        }
        for (int i = 0; i < scales.length; i++) {
            if (scales[i] < 2 || (i > 0 && scales[i] <= scales[i - 1])) {
                throw new IllegalArgumentException(PREFIX + "scales must be increasing and each ≥ 2, got "
                        + Arrays.toString(scales));
            }
        }
        if (!(tailDecades > 0 && Double.isFinite(tailDecades))) {
            throw new IllegalArgumentException(PREFIX + "tail-decades must be a positive number, got " + tailDecades);
        }
        if (!(halfLife >= 1 && Double.isFinite(halfLife))) {
            throw new IllegalArgumentException(PREFIX + "half-life must be a number ≥ 1, got " + halfLife);
        }
    }

    /** The tuned defaults. */
    public static AnomalyConfig defaults() {
        return DEFAULTS;
    }

    @Override
    public int[] scales() {
        return scales.clone();
    }

    int scale(int k) {
        return scales[k];
    }

    int scaleCount() {
        return scales.length;
    }

    /**
     * Reads {@code streamcast.anomaly.*} keys, falling back to {@link #defaults()} for absent ones. Other
     * keys are not looked at. A key of an earlier detector ({@code refractory}, {@code short-window},
     * {@code learn-from-flagged}) or any other unknown {@code streamcast.anomaly.*} key is rejected by name:
     * no setting is silently ignored.
     */
    public static AnomalyConfig fromProperties(Properties p) {
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String name = key.substring(PREFIX.length());
            if (REMOVED.containsKey(name)) {
                throw new IllegalArgumentException(key + " was removed in issue 12: " + REMOVED.get(name)
                        + "; delete the key");
            }
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown configuration key " + key + "; the anomaly keys are "
                        + PREFIX + "{" + String.join(", ", KEYS) + "}");
            }
        }
        AnomalyConfig d = defaults();
        return new AnomalyConfig(
                number(p, "threshold", d.threshold),
                integer(p, "warmup", d.warmup),
                integer(p, "residual-window", d.residualWindow),
                integer(p, "long-window", d.longWindow),
                integers(p, "scales", d.scales),
                number(p, "tail-decades", d.tailDecades),
                number(p, "half-life", d.halfLife),
                integer(p, "season", d.season),
                integer(p, "shape-memory", d.shapeMemory));
    }

    public AnomalyConfig withThreshold(double t) {
        return new AnomalyConfig(t, warmup, residualWindow, longWindow, scales, tailDecades, halfLife, season,
                shapeMemory);
    }

    /** The same settings for a series with this season (0: none). */
    public AnomalyConfig withSeason(int s) {
        return new AnomalyConfig(threshold, warmup, residualWindow, longWindow, scales, tailDecades, halfLife, s,
                shapeMemory);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnomalyConfig c && c.threshold == threshold && c.warmup == warmup
                && c.residualWindow == residualWindow && c.longWindow == longWindow && Arrays.equals(c.scales, scales)
                && c.tailDecades == tailDecades && c.halfLife == halfLife && c.season == season
                && c.shapeMemory == shapeMemory;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(threshold) * 31 + Arrays.hashCode(scales) * 17 + warmup + 7 * longWindow + season;
    }

    @Override
    public String toString() {
        return "AnomalyConfig[threshold=" + threshold + ", warmup=" + warmup + ", residualWindow=" + residualWindow
                + ", longWindow=" + longWindow + ", scales=" + Arrays.toString(scales) + ", tailDecades=" + tailDecades
                + ", halfLife=" + halfLife + ", season=" + season + ", shapeMemory=" + shapeMemory + "]";
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

    private static int[] integers(Properties p, String key, int[] fallback) {
        String v = raw(p, key);
        if (v == null) {
            return fallback;
        }
        try {
            return Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + ": expected comma-separated integers, got '" + v + "'");
        }
    }
}
