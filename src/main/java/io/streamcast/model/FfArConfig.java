package io.streamcast.model;

import java.util.Objects;

/**
 * Feed-forward AR network shared by many series ({@code streamcast.model.ffar.*}).
 *
 * @param lags         τ, the scaled past values the network sees (4, the classic set-up)
 * @param hidden       units per hidden layer (relu, Xavier init)
 * @param layers       hidden layers
 * @param strategy     multi-step strategy
 * @param horizon      steps forecast after every observation
 * @param trainEvery   one Adam step every {@code trainEvery × S} learned values, S the series met
 * @param batchSize    rows per Adam step: half the newest, half drawn from the whole buffer
 * @param bufferRows   capacity of the shared replay buffer
 * @param learningRate Adam's step size
 * @param seed         seeds the weights and the replay sampling
 */
public record FfArConfig(int lags, int hidden, int layers, MultiStep strategy, int horizon, int trainEvery,
        int batchSize, int bufferRows, double learningRate, long seed) {

    public FfArConfig {
        Objects.requireNonNull(strategy, "strategy");
        positive("lags", lags);
        positive("hidden", hidden);
        positive("layers", layers);
        positive("horizon", horizon);
        positive("trainEvery", trainEvery);
        positive("batchSize", batchSize);
        positive("bufferRows", bufferRows);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("ffar learningRate must be a positive number, got " + learningRate);
        }
    }

    /** τ = 4, 2 × 10 relu, recursive, an Adam step of 64 rows per value of each series, 8 192 buffered rows. */
    public static FfArConfig defaults(int horizon, long seed) {
        return new FfArConfig(4, 10, 2, MultiStep.RECURSIVE, horizon, 1, 64, 8192, 0.01, seed);
    }

    static final String PREFIX = "streamcast.model.ffar.";

    /** Reads {@code streamcast.model.ffar.*}; horizon and seed come from the engine config. */
    static FfArConfig from(EngineConfig c) {
        FfArConfig d = defaults(c.horizon(), c.seed());
        return new FfArConfig(c.intSetting(PREFIX + "lags", d.lags()), c.intSetting(PREFIX + "hidden", d.hidden()),
                c.intSetting(PREFIX + "layers", d.layers()), strategy(c, PREFIX), c.horizon(),
                c.intSetting(PREFIX + "train-every", d.trainEvery()), c.intSetting(PREFIX + "batch", d.batchSize()),
                c.intSetting(PREFIX + "buffer", d.bufferRows()),
                c.doubleSetting(PREFIX + "learning-rate", d.learningRate()), c.seed());
    }

    static MultiStep strategy(EngineConfig c, String prefix) {
        String v = c.setting(prefix + "strategy", "recursive");
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "recursive" -> MultiStep.RECURSIVE;
            case "direct" -> MultiStep.DIRECT;
            default -> throw new IllegalArgumentException(prefix + "strategy must be recursive or direct, got '" + v + "'");
        };
    }

    public FfArConfig withStrategy(MultiStep s) {
        return new FfArConfig(lags, hidden, layers, s, horizon, trainEvery, batchSize, bufferRows, learningRate, seed);
    }

    public FfArConfig withTraining(int every, int batch) {
        return new FfArConfig(lags, hidden, layers, strategy, horizon, every, batch, bufferRows, learningRate, seed);
    }

    static void positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + v);
        }
    }
}
