package io.streamcast.model;

import java.util.Objects;

/**
 * Feed-forward AR network shared by many series ({@code streamcast.model.ffar.*}).
 *
 * @param lags          τ, the normalised past values the network sees (default 4·H within 16..256:
 *                      N-BEATS' look-backs are 2–7 horizons; a weekly series with H = 13 then sees its year)
 * @param hidden        units per hidden layer (relu, He init)
 * @param layers        hidden layers
 * @param strategy      multi-step strategy (default direct: H outputs, no fed-back errors)
 * @param horizon       steps forecast after every observation
 * @param trainEvery    multiplier of the training cadence
 * @param valuesPerStep C: one Adam step every {@code trainEvery × min(S, C)} learned values, S the series met
 * @param batchSize     rows per Adam step: half the newest, half drawn from the whole buffer
 * @param bufferRows    capacity of the shared replay buffer (0: as many rows as 4 M numbers hold)
 * @param learningRate  Adam's step size
 * @param seed          seeds the weights and the replay sampling
 * @param seasons       seasonal periods the series are deseasonalised by (detected by default)
 * @param history       values a series keeps to detect its seasons
 */
public record FfArConfig(int lags, int hidden, int layers, MultiStep strategy, int horizon, int trainEvery,
        int valuesPerStep, int batchSize, int bufferRows, double learningRate, long seed, Seasons seasons,
        int history) {

    static final String PREFIX = "streamcast.model.ffar.";
    /** Numbers (floats) the replay buffer holds when its rows are not configured. */
    static final int BUFFER_NUMBERS = 1 << 22;

    public FfArConfig {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(seasons, "seasons");
        positive("lags", lags);
        positive("hidden", hidden);
        positive("layers", layers);
        positive("horizon", horizon);
        positive("trainEvery", trainEvery);
        positive("valuesPerStep", valuesPerStep);
        positive("batchSize", batchSize);
        if (bufferRows < 0) {
            throw new IllegalArgumentException("ffar bufferRows must be 0 (automatic) or positive, got " + bufferRows);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("ffar learningRate must be a positive number, got " + learningRate);
        }
    }

    /** The default look-back for a horizon: 4·H within 16..256. */
    static int defaultLags(int horizon) {
        return Math.max(16, Math.min(256, 4 * horizon));
    }

    /** τ = 4H, 2 × 32 relu, direct, Adam steps of 64 rows every min(S, 64) values, seasons detected. */
    public static FfArConfig defaults(int horizon, long seed) {
        return new FfArConfig(defaultLags(horizon), 32, 2, MultiStep.DIRECT, horizon, 1, 64, 64, 0, 0.001, seed,
                Seasons.AUTO, EngineConfig.DEFAULT_SEASON_HISTORY);
    }

    /** Reads {@code streamcast.model.ffar.*}; horizon, seed and seasons come from the engine config. */
    static FfArConfig from(EngineConfig c) {
        FfArConfig d = defaults(c.horizon(), c.seed());
        return new FfArConfig(c.intSetting(PREFIX + "lags", d.lags()), c.intSetting(PREFIX + "hidden", d.hidden()),
                c.intSetting(PREFIX + "layers", d.layers()), strategy(c, PREFIX), c.horizon(),
                c.intSetting(PREFIX + "train-every", d.trainEvery()),
                c.intSetting(PREFIX + "values-per-step", d.valuesPerStep()), c.intSetting(PREFIX + "batch", d.batchSize()),
                c.intSetting(PREFIX + "buffer", d.bufferRows()),
                c.doubleSetting(PREFIX + "learning-rate", d.learningRate()), c.seed(), c.seasons(), c.seasonHistory());
    }

    static MultiStep strategy(EngineConfig c, String prefix) {
        String v = c.setting(prefix + "strategy", "direct");
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "recursive" -> MultiStep.RECURSIVE;
            case "direct" -> MultiStep.DIRECT;
            default -> throw new IllegalArgumentException(prefix + "strategy must be recursive or direct, got '" + v + "'");
        };
    }

    /** Replay rows of the given width: as configured, or as many as {@link #BUFFER_NUMBERS} numbers hold. */
    static int rows(int configured, int width) {
        return configured > 0 ? configured : Math.max(1024, BUFFER_NUMBERS / width);
    }

    public FfArConfig withStrategy(MultiStep s) {
        return new FfArConfig(lags, hidden, layers, s, horizon, trainEvery, valuesPerStep, batchSize, bufferRows,
                learningRate, seed, seasons, history);
    }

    public FfArConfig withTraining(int every, int batch) {
        return new FfArConfig(lags, hidden, layers, strategy, horizon, every, valuesPerStep, batch, bufferRows,
                learningRate, seed, seasons, history);
    }

    public FfArConfig withSeasons(Seasons s) {
        return new FfArConfig(lags, hidden, layers, strategy, horizon, trainEvery, valuesPerStep, batchSize, bufferRows,
                learningRate, seed, s, history);
    }

    public FfArConfig withLags(int tau) {
        return new FfArConfig(tau, hidden, layers, strategy, horizon, trainEvery, valuesPerStep, batchSize, bufferRows,
                learningRate, seed, seasons, history);
    }

    static void positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + v);
        }
    }
}
