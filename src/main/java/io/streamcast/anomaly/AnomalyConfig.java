package io.streamcast.anomaly;

import io.streamcast.config.ConfigException;
import io.streamcast.config.Importance;
import io.streamcast.config.Key;
import io.streamcast.config.KeyTable;
import io.streamcast.config.Type;
import io.streamcast.config.Validator;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings of an {@link AnomalyDetector}; every field has a namespaced property key ({@code streamcast.anomaly.*}),
 * defined with its default and meaning in {@link #KEYS}. The defaults are the one parameter set chosen on the
 * nab-dev files (docs/anomalies.md): nothing in them is per file or per series.
 *
 * @param threshold      flag when score ≥ threshold
 * @param warmup         observations learned before any score above 0 is given
 * @param residualWindow effective length (observations) of the robust residual location and scale
 * @param longWindow     effective length of the history each statistic is judged against, and of the series'
 *                       long-run level
 * @param scales         the time scales (observations) of the level, bias and spread statistics
 * @param tailDecades    a surprise of this many decades (a tail probability of 10^-tailDecades) maps to score 1
 * @param halfLife       after a surprise, a later one must exceed it — decayed with this half-life in
 *                       observations — to score again: one incident gives one high score
 * @param season         the season length in observations of the series (0: none or unknown); {@code score}
 *                       guesses it per file, the service takes {@code streamcast.model.season}
 * @param shapeMemory    the segments' worth of past season shapes kept (0: no shape memory)
 */
public record AnomalyConfig(double threshold, int warmup, int residualWindow, int longWindow, int[] scales,
        double tailDecades, double halfLife, int season, int shapeMemory) {

    public static final String PREFIX = "streamcast.anomaly.";

    private static final KeyTable.Builder DEFINE = KeyTable.builder(PREFIX);
    /** The one threshold, also the service's default for series without a rule's {@code threshold}. */
    public static final Key<Double> THRESHOLD = DEFINE.define(PREFIX + "threshold", Type.DOUBLE, 0.16,
            Validator.of("in (0, 1]", t -> t > 0 && t <= 1), Importance.HIGH, "flag when score ≥ threshold; the "
                    + "default is the NAB standard profile's best threshold on nab-dev (0.1602 since issue 11's AR; "
                    + "0.1618 before)");
    static final Key<Integer> WARMUP = DEFINE.define(PREFIX + "warmup", Type.INT, 100, Validator.atLeast(0),
            Importance.LOW, "observations learned before any score (the statistics also need 100 judged residuals; "
                    + "envelopes 300)");
    static final Key<Integer> RESIDUAL_WINDOW = DEFINE.define(PREFIX + "residual-window", Type.INT, 100,
            Validator.atLeast(2), Importance.LOW, "memory of the residual location/scale");
    static final Key<Integer> LONG_WINDOW = DEFINE.define(PREFIX + "long-window", Type.INT, 1000,
            Validator.atLeast(2), Importance.LOW,
            "memory of each statistic's history (the raw values' long-run level: twice this)");
    static final Key<int[]> SCALES = DEFINE.define(PREFIX + "scales", Type.INTS, new int[] {8, 32, 128},
            Validator.of("2 to 8 increasing time scales, each at least 2", AnomalyConfig::increasing),
            Importance.LOW, "the time scales of the bias, spread and level statistics");
    static final Key<Double> TAIL_DECADES = DEFINE.define(PREFIX + "tail-decades", Type.DOUBLE, 40.0,
            Validator.of("a positive number", d -> d > 0), Importance.LOW, "a surprise of this many decades scores 1");
    static final Key<Double> HALF_LIFE = DEFINE.define(PREFIX + "half-life", Type.DOUBLE, 400.0,
            Validator.of("a number at least 1", h -> h >= 1), Importance.LOW,
            "a later surprise must beat the earlier peak, halved every this many observations, to score again");
    static final Key<Integer> SEASON = DEFINE.define(PREFIX + "season", Type.INT, 0, Validator.atLeast(0),
            Importance.LOW, "the series' season in observations; at least 16 turns the shape memory on and names "
                    + "persistent departures within the usual range seasonal-break. `score` guesses it per file "
                    + "(`--season auto`); the service uses `streamcast.model.season` when that is set and this key is not");
    static final Key<Integer> SHAPE_MEMORY = DEFINE.define(PREFIX + "shape-memory", Type.INT, 256,
            Validator.of("0 (off) or in 16..65536 segments", m -> m == 0 || (m >= 16 && m <= 65_536)), Importance.LOW,
            "segments' worth of past season shapes kept (one eighth of a season each, 8 bytes each); 0 turns the "
                    + "shape memory off");
    /** The detector's keys, and those of earlier detectors, refused with what became of them. */
    public static final KeyTable KEYS = DEFINE
            .removed(PREFIX + "refractory", 12, "the score carries its own suppression of repeats (one incident, one "
                    + "high score); there is no refractory period to set")
            .removed(PREFIX + "short-window", 12, "the detector judges several time scales; set them with "
                    + PREFIX + "scales")
            .removed(PREFIX + "learn-from-flagged", 12, "the detector learns from every observation; its statistics "
                    + "are judged against their own history, so an anomaly does not make the next one normal")
            .build();

    /** The one parameter set; see docs/anomalies.md for how the threshold was chosen. */
    private static final AnomalyConfig DEFAULTS = new AnomalyConfig(THRESHOLD.defaultValue(), WARMUP.defaultValue(),
            RESIDUAL_WINDOW.defaultValue(), LONG_WINDOW.defaultValue(), SCALES.defaultValue(),
            TAIL_DECADES.defaultValue(), HALF_LIFE.defaultValue(), SEASON.defaultValue(), SHAPE_MEMORY.defaultValue());

    /** Keys of earlier detectors, with the prefix, and what became of them. */
    public static Map<String, String> removedKeys() {
        return KEYS.refused();
    }

    public AnomalyConfig {
        THRESHOLD.check(threshold);
        WARMUP.check(warmup);
        RESIDUAL_WINDOW.check(residualWindow);
        LONG_WINDOW.check(longWindow);
        SEASON.check(season);
        SHAPE_MEMORY.check(shapeMemory);
        scales = SCALES.check(scales.clone());
        TAIL_DECADES.check(tailDecades);
        HALF_LIFE.check(halfLife);
    }

    private static boolean increasing(int[] scales) {
        if (scales.length < 2 || scales.length > 8) {
            return false;
        }
        for (int i = 0; i < scales.length; i++) {
            if (scales[i] < 2 || (i > 0 && scales[i] <= scales[i - 1])) {
                return false;
            }
        }
        return true;
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
        Map<String, String> own = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                own.put(key, p.getProperty(key));
            }
        }
        KEYS.requireKnown(own.keySet());
        try {
            return new AnomalyConfig(THRESHOLD.read(own), WARMUP.read(own), RESIDUAL_WINDOW.read(own),
                    LONG_WINDOW.read(own), SCALES.read(own), TAIL_DECADES.read(own), HALF_LIFE.read(own),
                    SEASON.read(own), SHAPE_MEMORY.read(own));
        } catch (ConfigException e) {
            if (!e.unreadable()) {
                throw e;
            }
            // the detector's wording of a value that is not a number, which AnomalyDetectorTest pins; every other
            // message is the shared one (io.streamcast.config)
            throw new IllegalArgumentException(e.key() + ": expected " + KEYS.find(e.key()).orElseThrow().type()
                    .expected() + ", got '" + own.get(e.key()).trim() + "'", e);
        }
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
}
