package io.streamcast.model;

import io.streamcast.config.Importance;
import io.streamcast.config.Key;
import io.streamcast.config.KeyTable;
import io.streamcast.config.Type;
import io.streamcast.config.Validator;
import java.util.Objects;

/**
 * Feed-forward AR network shared by many series ({@code streamcast.model.ffar.*}, defined in {@link #KEYS}).
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

    private static final KeyTable.Builder DEFINE = KeyTable.builder(PREFIX);
    static final Key<Integer> LAGS = DEFINE.defineComputed(PREFIX + "lags", Type.INT, "4·H within 16..256",
            Validator.positive(), Importance.MEDIUM, "τ, the normalised past values the network sees (N-BEATS' "
                    + "look-backs are 2–7 horizons; a weekly series with H = 13 then sees its year)");
    static final Key<Integer> HIDDEN = DEFINE.define(PREFIX + "hidden", Type.INT, 32, Validator.positive(),
            Importance.MEDIUM, "units per hidden layer (relu, He init)");
    static final Key<Integer> LAYERS = DEFINE.define(PREFIX + "layers", Type.INT, 2, Validator.positive(),
            Importance.LOW, "hidden layers");
    static final TrainingKeys TRAINING = TrainingKeys.define(DEFINE, PREFIX, "rows", 1, 64, 64, 0.001);
    static final KeyTable KEYS = DEFINE.build();

    public FfArConfig {
        Objects.requireNonNull(seasons, "seasons");
        LAGS.check(lags);
        HIDDEN.check(hidden);
        LAYERS.check(layers);
        EngineConfig.HORIZON_KEY.check(horizon);
        TRAINING.check(strategy, trainEvery, valuesPerStep, batchSize, bufferRows, learningRate);
    }

    /** The default look-back for a horizon: 4·H within 16..256. */
    static int defaultLags(int horizon) {
        return Math.max(16, Math.min(256, 4 * horizon));
    }

    /** τ = 4H, 2 × 32 relu, direct, Adam steps of 64 rows every min(S, 64) values, seasons detected: {@link #KEYS}. */
    public static FfArConfig defaults(int horizon, long seed) {
        return new FfArConfig(defaultLags(horizon), HIDDEN.defaultValue(), LAYERS.defaultValue(),
                TRAINING.strategy().defaultValue(), horizon, TRAINING.trainEvery().defaultValue(),
                TRAINING.valuesPerStep().defaultValue(), TRAINING.batch().defaultValue(),
                TRAINING.buffer().defaultValue(), TRAINING.learningRate().defaultValue(), seed, Seasons.AUTO,
                EngineConfig.DEFAULT_SEASON_HISTORY);
    }

    /** Reads {@code streamcast.model.ffar.*}; horizon, seed and seasons come from the engine config. */
    static FfArConfig from(EngineConfig c) {
        return new FfArConfig(c.find(LAGS).orElse(defaultLags(c.horizon())), c.get(HIDDEN), c.get(LAYERS),
                c.get(TRAINING.strategy()), c.horizon(), c.get(TRAINING.trainEvery()),
                c.get(TRAINING.valuesPerStep()), c.get(TRAINING.batch()), c.get(TRAINING.buffer()),
                c.get(TRAINING.learningRate()), c.seed(), c.seasons(), c.seasonHistory());
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
}
