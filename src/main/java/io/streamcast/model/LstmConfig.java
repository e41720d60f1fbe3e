package io.streamcast.model;

import io.streamcast.config.Importance;
import io.streamcast.config.Key;
import io.streamcast.config.KeyTable;
import io.streamcast.config.Type;
import io.streamcast.config.Validator;
import java.util.Objects;

/**
 * LSTM network shared by many series ({@code streamcast.model.lstm.*}): every key, its default and its meaning
 * are defined in {@link #KEYS}.
 *
 * @param units          units per recurrent layer
 * @param layers         recurrent layers (1 or 2)
 * @param peephole       GravesLSTM (peephole connections) instead of the plain LSTM
 * @param window         w, the normalised past values (deseasonalised, relative to the latest, over the
 *                       scale) the network reads at every step; its state carries what lies further back
 * @param sequenceLength L, the steps of a training sequence
 * @param tbptt          truncated-BPTT length (≤ L): a sequence longer than this is fitted in segments
 * @param clip           gradient L2-norm clipping threshold per layer
 * @param strategy       multi-step strategy (default direct: H outputs at every step)
 * @param horizon        steps forecast after every observation
 * @param trainEvery     multiplier of the training cadence
 * @param valuesPerStep  C: one Adam step every {@code trainEvery × min(S, C)} learned values, S the series met
 * @param batchSize      sequences per Adam step: half the newest, half drawn from the whole buffer
 * @param bufferRows     capacity of the shared replay buffer, in sequences (0: as many as 4 M numbers hold)
 * @param learningRate   Adam's step size
 * @param seed           seeds the weights and the replay sampling
 * @param seasons        seasonal periods the series are deseasonalised by (detected by default)
 * @param history        values a series keeps to detect its seasons
 */
public record LstmConfig(int units, int layers, boolean peephole, int window, int sequenceLength, int tbptt,
        double clip, MultiStep strategy, int horizon, int trainEvery, int valuesPerStep, int batchSize, int bufferRows,
        double learningRate, long seed, Seasons seasons, int history) {

    static final String PREFIX = "streamcast.model.lstm.";

    private static final KeyTable.Builder DEFINE = KeyTable.builder(PREFIX);
    static final Key<Integer> UNITS = DEFINE.define(PREFIX + "units", Type.INT, 32, Validator.positive(),
            Importance.MEDIUM, "units per recurrent layer");
    static final Key<Integer> LAYERS = DEFINE.define(PREFIX + "layers", Type.INT, 1, Validator.between(1, 2),
            Importance.LOW, "recurrent layers (1 or 2)");
    static final Key<Boolean> PEEPHOLE = DEFINE.define(PREFIX + "peephole", Type.BOOLEAN, false, Validator.any(),
            Importance.LOW, "GravesLSTM (peephole connections) instead of the plain LSTM");
    static final Key<Integer> WINDOW = DEFINE.defineComputed(PREFIX + "window", Type.INT, "4·H within 16..256",
            Validator.positive(), Importance.MEDIUM, "w, the normalised past values the network reads at every step; "
                    + "its state carries what lies further back");
    static final Key<Integer> SEQUENCE_LENGTH = DEFINE.define(PREFIX + "sequence-length", Type.INT, 8,
            Validator.atLeast(2), Importance.LOW, "L, the steps of a training sequence");
    static final Key<Integer> TBPTT = DEFINE.defineComputed(PREFIX + "tbptt", Type.INT, "the sequence length",
            Validator.positive(), Importance.LOW, "truncated-BPTT length (at most L): a longer sequence is fitted in segments");
    static final Key<Double> CLIP = DEFINE.define(PREFIX + "clip", Type.DOUBLE, 1.0,
            Validator.of("a positive number", v -> v > 0), Importance.LOW, "gradient L2-norm clipping threshold per layer");
    static final TrainingKeys TRAINING = TrainingKeys.define(DEFINE, PREFIX, "sequences", 32, 16, 64, 0.002);
    static final KeyTable KEYS = DEFINE.build();

    public LstmConfig {
        Objects.requireNonNull(seasons, "seasons");
        UNITS.check(units);
        LAYERS.check(layers);
        WINDOW.check(window);
        SEQUENCE_LENGTH.check(sequenceLength);
        CLIP.check(clip);
        EngineConfig.HORIZON_KEY.check(horizon);
        TRAINING.check(strategy, trainEvery, valuesPerStep, batchSize, bufferRows, learningRate);
        if (tbptt < 1 || tbptt > sequenceLength) {
            throw new IllegalArgumentException(TBPTT + " must be in 1.." + sequenceLength + " (" + SEQUENCE_LENGTH
                    + "), got " + tbptt);
        }
    }

    /**
     * LSTM(32) reading windows of 4·H values, direct, sequences of 8 steps, Adam steps of 64 sequences
     * every 32·min(S, 16) values, seasons detected: {@link #KEYS}.
     */
    public static LstmConfig defaults(int horizon, long seed) {
        return new LstmConfig(UNITS.defaultValue(), LAYERS.defaultValue(), PEEPHOLE.defaultValue(),
                FfArConfig.defaultLags(horizon), SEQUENCE_LENGTH.defaultValue(), SEQUENCE_LENGTH.defaultValue(),
                CLIP.defaultValue(), TRAINING.strategy().defaultValue(), horizon, TRAINING.trainEvery().defaultValue(),
                TRAINING.valuesPerStep().defaultValue(), TRAINING.batch().defaultValue(),
                TRAINING.buffer().defaultValue(), TRAINING.learningRate().defaultValue(), seed, Seasons.AUTO,
                EngineConfig.DEFAULT_SEASON_HISTORY);
    }

    /** Reads {@code streamcast.model.lstm.*}; horizon, seed and seasons come from the engine config. */
    static LstmConfig from(EngineConfig c) {
        int length = c.get(SEQUENCE_LENGTH);
        return new LstmConfig(c.get(UNITS), c.get(LAYERS), c.get(PEEPHOLE),
                c.find(WINDOW).orElse(FfArConfig.defaultLags(c.horizon())), length, c.find(TBPTT).orElse(length),
                c.get(CLIP), c.get(TRAINING.strategy()), c.horizon(), c.get(TRAINING.trainEvery()),
                c.get(TRAINING.valuesPerStep()), c.get(TRAINING.batch()), c.get(TRAINING.buffer()),
                c.get(TRAINING.learningRate()), c.seed(), c.seasons(), c.seasonHistory());
    }

    public LstmConfig withStrategy(MultiStep s) {
        return new LstmConfig(units, layers, peephole, window, sequenceLength, tbptt, clip, s, horizon, trainEvery,
                valuesPerStep, batchSize, bufferRows, learningRate, seed, seasons, history);
    }

    public LstmConfig withTraining(int every, int batch) {
        return new LstmConfig(units, layers, peephole, window, sequenceLength, tbptt, clip, strategy, horizon, every,
                valuesPerStep, batch, bufferRows, learningRate, seed, seasons, history);
    }

    public LstmConfig withNetwork(int units, int layers, boolean peephole) {
        return new LstmConfig(units, layers, peephole, window, sequenceLength, tbptt, clip, strategy, horizon,
                trainEvery, valuesPerStep, batchSize, bufferRows, learningRate, seed, seasons, history);
    }

    public LstmConfig withSeasons(Seasons s) {
        return new LstmConfig(units, layers, peephole, window, sequenceLength, tbptt, clip, strategy, horizon,
                trainEvery, valuesPerStep, batchSize, bufferRows, learningRate, seed, s, history);
    }

    /** Windows of w values, sequences of L steps, truncated BPTT over t of them. */
    public LstmConfig withSequences(int w, int length, int t) {
        return new LstmConfig(units, layers, peephole, w, length, t, clip, strategy, horizon, trainEvery,
                valuesPerStep, batchSize, bufferRows, learningRate, seed, seasons, history);
    }
}
