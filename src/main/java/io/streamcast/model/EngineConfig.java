package io.streamcast.model;

import io.streamcast.config.Importance;
import io.streamcast.config.Key;
import io.streamcast.config.KeyTable;
import io.streamcast.config.Type;
import io.streamcast.config.Validator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What every engine is created with: the forecast horizon, the seasonal periods ({@link Seasons}:
 * detected per series by default, or none, or fixed), the seed,
 * the target coverage of prediction intervals, and model-specific settings under namespaced keys
 * ({@code streamcast.model.ar.order}, {@code streamcast.intervals.window}, ...) that each model reads
 * into its own config record ({@link #get}), rejecting bad values by key. Immutable; {@code with...} returns a copy.
 *
 * <p>Its keys are defined in {@link #KEYS}; every model key is in {@link SettingKeys#table()}.
 */
public record EngineConfig(int horizon, Seasons seasons, long seed, double coverage, Map<String, String> settings) {

    private static final KeyTable.Builder DEFINE = KeyTable.builder("streamcast.model.", "streamcast.intervals.", "streamcast.horizon",
            "streamcast.seed");
    /** Forecast steps; the service's default for every series without a rule of its own. */
    public static final Key<Integer> HORIZON_KEY = DEFINE.define("streamcast.horizon", Type.INT, 10,
            Validator.between(1, 10_000), Importance.HIGH, "forecast steps of every series without a rule's `horizon`");
    public static final Key<Long> SEED_KEY = DEFINE.define("streamcast.seed", Type.LONG, 42L, Validator.any(),
            Importance.MEDIUM, "seed of every model: the same seed and input give the same outputs");
    public static final Key<Seasons> SEASON_KEY = DEFINE.define("streamcast.model.season", Seasons.TYPE, Seasons.AUTO,
            Validator.any(), Importance.MEDIUM, "the models' seasonal periods: `auto` (found per series from its own "
                    + "history), `none`, or periods for every series such as `24,168` ([models](models.md#seasons-are-found-not-configured))");
    /** Values each series keeps to detect its seasons: periods up to a third of it are found. */
    public static final Key<Integer> SEASON_HISTORY_KEY = DEFINE.define("streamcast.model.season.history", Type.INT,
            1008, Validator.between(12, 100_000), Importance.LOW,
            "values each series keeps to find its seasons (as floats): periods up to a third of it are found");
    /**
     * 95 % intervals unless configured: the level the M4 competition scores intervals at (MSIS), so the
     * service publishes the intervals {@code backtest} measures.
     */
    public static final Key<Double> COVERAGE_KEY = DEFINE.define("streamcast.intervals.coverage", Type.DOUBLE, 0.95,
            Validator.of("strictly between 0 and 1", c -> c > 0.0 && c < 1.0), Importance.MEDIUM,
            "target coverage of the prediction intervals (M4 scores intervals at 0.95)");
    /** The engine's own keys; the second spellings of horizon and seed are refused, naming the one spelling. */
    public static final KeyTable KEYS = DEFINE.renamed("streamcast.model.horizon", HORIZON_KEY)
            .renamed("streamcast.model.seed", SEED_KEY).build();

    public static final String HORIZON = HORIZON_KEY.name();
    public static final String SEASON = SEASON_KEY.name();
    public static final String SEED = SEED_KEY.name();
    public static final String COVERAGE = COVERAGE_KEY.name();
    public static final double DEFAULT_COVERAGE = COVERAGE_KEY.defaultValue();
    public static final String SEASON_HISTORY = SEASON_HISTORY_KEY.name();
    public static final int DEFAULT_SEASON_HISTORY = SEASON_HISTORY_KEY.defaultValue();

    public EngineConfig {
        HORIZON_KEY.check(horizon);
        Objects.requireNonNull(seasons, SEASON);
        COVERAGE_KEY.check(coverage);
        settings = Map.copyOf(new TreeMap<>(Objects.requireNonNull(settings, "settings")));
    }

    /** Horizon H, seasons detected per series, seed 0, 95 % intervals, default settings. */
    public static EngineConfig of(int horizon) {
        return new EngineConfig(horizon, Seasons.AUTO, 0L, DEFAULT_COVERAGE, Map.of());
    }

    /**
     * Reads the four common keys (defaults from their definitions) and keeps every {@code streamcast.*} key as a
     * setting; a second spelling of a key ({@code streamcast.model.horizon}) is refused.
     */
    public static EngineConfig fromProperties(Properties p) {
        Map<String, String> s = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("streamcast.")) {
                s.put(k, p.getProperty(k).trim());
            }
        }
        KEYS.requireKnown(KEYS.refused().keySet().stream().filter(s::containsKey).toList());
        return new EngineConfig(HORIZON_KEY.read(s), SEASON_KEY.read(s), SEED_KEY.read(s), COVERAGE_KEY.read(s), s);
    }

    public EngineConfig withHorizon(int h) {
        return new EngineConfig(h, seasons, seed, coverage, settings);
    }

    public EngineConfig withSeasons(Seasons s) {
        return new EngineConfig(horizon, s, seed, coverage, settings);
    }

    /** One fixed period for every series; 0 for none. */
    public EngineConfig withSeason(int s) {
        return withSeasons(s == 0 ? Seasons.NONE : Seasons.of(s));
    }

    public EngineConfig withSeed(long s) {
        return new EngineConfig(horizon, seasons, s, coverage, settings);
    }

    public EngineConfig withCoverage(double c) {
        return new EngineConfig(horizon, seasons, seed, c, settings);
    }

    /** A copy with one setting added or replaced. */
    public EngineConfig with(String key, String value) {
        Map<String, String> s = new TreeMap<>(settings);
        s.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value for " + key));
        return new EngineConfig(horizon, seasons, seed, coverage, s);
    }

    /** {@link #SEASON_HISTORY_KEY}, checked: 12..100000 values. */
    public int seasonHistory() {
        return get(SEASON_HISTORY_KEY);
    }

    /** The setting of {@code key}, parsed and checked by its definition; its default when not set. */
    public <T> T get(Key<T> key) {
        return key.read(settings);
    }

    /** The setting of {@code key}, parsed and checked by its definition, if it is set. */
    public <T> Optional<T> find(Key<T> key) {
        return key.find(settings);
    }

    public String setting(String key, String defaultValue) {
        return settings.getOrDefault(key, defaultValue);
    }

    /** A setting read as an integer; prefer {@link #get} with the key's definition. */
    public int intSetting(String key, int defaultValue) {
        return Key.of(key, Type.INT).find(settings).orElse(defaultValue);
    }

    public long longSetting(String key, long defaultValue) {
        return Key.of(key, Type.LONG).find(settings).orElse(defaultValue);
    }

    public double doubleSetting(String key, double defaultValue) {
        return Key.of(key, Type.DOUBLE).find(settings).orElse(defaultValue);
    }

    public boolean booleanSetting(String key, boolean defaultValue) {
        return Key.of(key, Type.BOOLEAN).find(settings).orElse(defaultValue);
    }
}
