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
