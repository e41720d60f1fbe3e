package io.streamcast.model;

import java.util.Objects;

/**
 * LSTM network shared by many series ({@code streamcast.model.lstm.*}). Keys, each read once in
 * {@link #from}, with the defaults of {@link #defaults}:
 * <ul>
 * <li>{@code units} (32), {@code layers} (1 or 2; 1), {@code peephole} (false): the recurrent layers;</li>
 * <li>{@code window} (4·H within 16..256): normalised past values fed at every step;</li>
 * <li>{@code sequence-length} (8), {@code tbptt} (the sequence length), {@code clip} (1.0): training
 * sequences, truncated-BPTT length and gradient L2-norm clipping per layer;</li>
 * <li>{@code strategy} (direct or recursive; direct);</li>
 * <li>{@code train-every} (32), {@code values-per-step} (16), {@code batch} (64), {@code buffer} (0),
 * {@code learning-rate} (0.002): the training cadence, minibatch and replay buffer.</li>
 * </ul>
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

    public LstmConfig {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(seasons, "seasons");
        FfArConfig.positive("units", units);
        FfArConfig.positive("window", window);
        FfArConfig.positive("horizon", horizon);
        FfArConfig.positive("trainEvery", trainEvery);
        FfArConfig.positive("valuesPerStep", valuesPerStep);
        FfArConfig.positive("batchSize", batchSize);
        if (bufferRows < 0) {
            throw new IllegalArgumentException("lstm bufferRows must be 0 (automatic) or positive, got " + bufferRows);
        }
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

    /**
     * LSTM(32) reading windows of 4·H values, direct, sequences of 8 steps, Adam steps of 64 sequences
     * every 32·min(S, 16) values, seasons detected.
     */
    public static LstmConfig defaults(int horizon, long seed) {
        return new LstmConfig(32, 1, false, FfArConfig.defaultLags(horizon), 8, 8, 1.0, MultiStep.DIRECT, horizon, 32,
                16, 64, 0, 0.002, seed, Seasons.AUTO, EngineConfig.DEFAULT_SEASON_HISTORY);
    }

    /** Reads {@code streamcast.model.lstm.*}; horizon, seed and seasons come from the engine config. */
    static LstmConfig from(EngineConfig c) {
        LstmConfig d = defaults(c.horizon(), c.seed());
        int length = c.intSetting(PREFIX + "sequence-length", d.sequenceLength());
        return new LstmConfig(c.intSetting(PREFIX + "units", d.units()), c.intSetting(PREFIX + "layers", d.layers()),
                c.booleanSetting(PREFIX + "peephole", d.peephole()), c.intSetting(PREFIX + "window", d.window()),
                length, c.intSetting(PREFIX + "tbptt", length), c.doubleSetting(PREFIX + "clip", d.clip()),
                FfArConfig.strategy(c, PREFIX), c.horizon(), c.intSetting(PREFIX + "train-every", d.trainEvery()),
                c.intSetting(PREFIX + "values-per-step", d.valuesPerStep()), c.intSetting(PREFIX + "batch", d.batchSize()),
                c.intSetting(PREFIX + "buffer", d.bufferRows()),
                c.doubleSetting(PREFIX + "learning-rate", d.learningRate()), c.seed(), c.seasons(), c.seasonHistory());
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
