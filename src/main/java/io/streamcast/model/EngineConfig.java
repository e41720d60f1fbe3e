package io.streamcast.model;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What every engine is created with: the forecast horizon, the seasonal periods ({@link Seasons}:
 * detected per series by default, or none, or fixed), the seed,
 * the target coverage of prediction intervals, and model-specific settings under namespaced keys
 * ({@code streamcast.model.ar.order}, {@code streamcast.intervals.window}, ...) that each model reads
 * into its own config record, rejecting bad values by key. Immutable; {@code with...} returns a copy.
 */
public record EngineConfig(int horizon, Seasons seasons, long seed, double coverage, Map<String, String> settings) {

    public static final String HORIZON = "streamcast.model.horizon";
    public static final String SEASON = "streamcast.model.season";
    public static final String SEED = "streamcast.model.seed";
    public static final String COVERAGE = "streamcast.intervals.coverage";
    /**
     * 95 % intervals unless configured: the level the M4 competition scores intervals at (MSIS), so the
     * service publishes the intervals {@code backtest} measures.
     */
    public static final double DEFAULT_COVERAGE = 0.95;
    /** Values each series keeps to detect its seasons: periods up to a third of it are found. */
    public static final String SEASON_HISTORY = "streamcast.model.season.history";
    public static final int DEFAULT_SEASON_HISTORY = 1008;

    public EngineConfig {
        if (horizon < 1 || horizon > 10_000) {
            throw new IllegalArgumentException(HORIZON + " must be in 1..10000, got " + horizon);
        }
        Objects.requireNonNull(seasons, SEASON);
        if (!(coverage > 0.0 && coverage < 1.0)) {
            throw new IllegalArgumentException(COVERAGE + " must be strictly between 0 and 1, got " + coverage);
        }
        settings = settings instanceof SettingKeys.Recorder ? settings // SettingKeys: which keys the readers ask for
                : Map.copyOf(new TreeMap<>(Objects.requireNonNull(settings, "settings")));
    }

    /** Horizon H, seasons detected per series, seed 0, 95 % intervals, default settings. */
    public static EngineConfig of(int horizon) {
        return new EngineConfig(horizon, Seasons.AUTO, 0L, DEFAULT_COVERAGE, Map.of());
    }

    /** Reads the four common keys and keeps every {@code streamcast.*} key as a setting. */
    public static EngineConfig fromProperties(Properties p) {
        Map<String, String> s = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("streamcast.")) {
                s.put(k, p.getProperty(k).trim());
            }
        }
        EngineConfig base = new EngineConfig(1, Seasons.AUTO, 0L, DEFAULT_COVERAGE, s);
        return new EngineConfig(base.intSetting(HORIZON, 1), Seasons.parse(SEASON, base.setting(SEASON, "auto")),
                base.longSetting(SEED, 0L), base.doubleSetting(COVERAGE, DEFAULT_COVERAGE), s);
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

    /** {@link #SEASON_HISTORY}, checked: 12..100000 values. */
    public int seasonHistory() {
        int h = intSetting(SEASON_HISTORY, DEFAULT_SEASON_HISTORY);
        if (h < 12 || h > 100_000) {
            throw new IllegalArgumentException(SEASON_HISTORY + " must be in 12..100000, got " + h);
        }
        return h;
    }

    public String setting(String key, String defaultValue) {
        return settings.getOrDefault(key, defaultValue);
    }

    public int intSetting(String key, int defaultValue) {
        String v = settings.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    public long longSetting(String key, long defaultValue) {
        String v = settings.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    public double doubleSetting(String key, double defaultValue) {
        String v = settings.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a finite number, got '" + v + "'");
        }
    }

    public boolean booleanSetting(String key, boolean defaultValue) {
        String v = settings.get(key);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
        };
    }
}
