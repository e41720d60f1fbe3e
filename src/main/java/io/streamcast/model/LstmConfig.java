package io.streamcast.model;

import java.util.Objects;

/**
 * LSTM network shared by many series ({@code streamcast.model.lstm.*}).
 *
 * @param units          units per recurrent layer
 * @param layers         recurrent layers (1 or 2)
 * @param peephole       GravesLSTM (peephole connections) instead of the plain LSTM
 * @param sequenceLength L, the steps of a training sequence and of a state rebuild
 * @param tbptt          truncated-BPTT length (≤ L)
 * @param clip           gradient L2-norm clipping threshold per layer
 * @param strategy       multi-step strategy
 * @param horizon        steps forecast after every observation
 * @param trainEvery     one Adam step every {@code trainEvery × S} learned values, S the series met
 * @param batchSize      sequences per Adam step: half the newest, half drawn from the whole buffer
 * @param bufferRows     capacity of the shared replay buffer, in sequences
 * @param learningRate   Adam's step size
 * @param seed           seeds the weights and the replay sampling
 */
public record LstmConfig(int units, int layers, boolean peephole, int sequenceLength, int tbptt, double clip,
        MultiStep strategy, int horizon, int trainEvery, int batchSize, int bufferRows, double learningRate,
        long seed) {

    public LstmConfig {
        Objects.requireNonNull(strategy, "strategy");
        FfArConfig.positive("units", units);
        FfArConfig.positive("horizon", horizon);
        FfArConfig.positive("trainEvery", trainEvery);
        FfArConfig.positive("batchSize", batchSize);
        FfArConfig.positive("bufferRows", bufferRows);
        if (layers < 1 || layers > 2) {
            throw new IllegalArgumentException("lstm layers must be 1 or 2, got " + layers);
        }
        if (sequenceLength < 2) {
            throw new IllegalArgumentException("lstm sequenceLength must be at least 2, got " + sequenceLength);
        }
        if (tbptt < 1 || tbptt > sequenceLength) {
            throw new IllegalArgumentException("lstm tbptt must be in 1.." + sequenceLength + ", got " + tbptt);
        }
        if (!(clip > 0) || !(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("lstm clip and learningRate must be positive, got " + clip + " and "
                    + learningRate);
        }
    }

    /** LSTM(32), L = 16, recursive, an Adam step of 32 sequences per 4 values of each series, 2 048 buffered. */
    public static LstmConfig defaults(int horizon, long seed) {
        return new LstmConfig(32, 1, false, 16, 16, 1.0, MultiStep.RECURSIVE, horizon, 4, 32, 2048, 0.01, seed);
    }

    static final String PREFIX = "streamcast.model.lstm.";

    /** Reads {@code streamcast.model.lstm.*}; horizon and seed come from the engine config. */
    static LstmConfig from(EngineConfig c) {
        LstmConfig d = defaults(c.horizon(), c.seed());
        int length = c.intSetting(PREFIX + "sequence-length", d.sequenceLength());
        return new LstmConfig(c.intSetting(PREFIX + "units", d.units()), c.intSetting(PREFIX + "layers", d.layers()),
                c.booleanSetting(PREFIX + "peephole", d.peephole()), length, c.intSetting(PREFIX + "tbptt", length),
                c.doubleSetting(PREFIX + "clip", d.clip()), FfArConfig.strategy(c, PREFIX), c.horizon(),
                c.intSetting(PREFIX + "train-every", d.trainEvery()), c.intSetting(PREFIX + "batch", d.batchSize()),
                c.intSetting(PREFIX + "buffer", d.bufferRows()),
                c.doubleSetting(PREFIX + "learning-rate", d.learningRate()), c.seed());
    }

    public LstmConfig withStrategy(MultiStep s) {
        return new LstmConfig(units, layers, peephole, sequenceLength, tbptt, clip, s, horizon, trainEvery, batchSize,
                bufferRows, learningRate, seed);
    }

    public LstmConfig withTraining(int every, int batch) {
        return new LstmConfig(units, layers, peephole, sequenceLength, tbptt, clip, strategy, horizon, every, batch,
                bufferRows, learningRate, seed);
    }

    public LstmConfig withNetwork(int units, int layers, boolean peephole) {
        return new LstmConfig(units, layers, peephole, sequenceLength, tbptt, clip, strategy, horizon, trainEvery,
                batchSize, bufferRows, learningRate, seed);
    }
}
