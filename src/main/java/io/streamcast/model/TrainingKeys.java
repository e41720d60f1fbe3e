package io.streamcast.model;

import io.streamcast.config.Importance;
import io.streamcast.config.Key;
import io.streamcast.config.KeyTable;
import io.streamcast.config.Type;
import io.streamcast.config.Validator;

/**
 * The keys both shared networks train by ({@code streamcast.model.ffar.*}, {@code streamcast.model.lstm.*}):
 * one definition each, under each network's prefix with its own defaults.
 */
record TrainingKeys(Key<MultiStep> strategy, Key<Integer> trainEvery, Key<Integer> valuesPerStep, Key<Integer> batch,
        Key<Integer> buffer, Key<Double> learningRate) {

    static final Type<MultiStep> STRATEGY = Type.choice(MultiStep.class);

    /** Defines the six keys under {@code prefix} with these defaults; {@code rows} names what the buffer holds. */
    static TrainingKeys define(KeyTable.Builder define, String prefix, String rows, int trainEvery, int valuesPerStep, int batch,
            double learningRate) {
        return new TrainingKeys(
                define.define(prefix + "strategy", STRATEGY, MultiStep.DIRECT, Validator.any(), Importance.LOW,
                        "multi-step strategy: `direct` (H outputs, no fed-back errors) or `recursive`"),
                define.define(prefix + "train-every", Type.INT, trainEvery, Validator.positive(), Importance.LOW,
                        "multiplier of the training cadence"),
                define.define(prefix + "values-per-step", Type.INT, valuesPerStep, Validator.positive(), Importance.LOW,
                        "C: one Adam step every train-every × min(S, C) learned values, S the series met"),
                define.define(prefix + "batch", Type.INT, batch, Validator.positive(), Importance.LOW,
                        rows + " per Adam step: half the newest, half drawn from the whole replay buffer"),
                define.define(prefix + "buffer", Type.INT, 0, Validator.nonNegative(), Importance.LOW,
                        "capacity of the shared replay buffer in " + rows + "; 0: as many as 4 M numbers hold"),
                define.define(prefix + "learning-rate", Type.DOUBLE, learningRate,
                        Validator.of("a positive number", v -> v > 0), Importance.LOW, "Adam's step size"));
    }

    void check(MultiStep s, int every, int perStep, int batchSize, int bufferRows, double rate) {
        java.util.Objects.requireNonNull(s, strategy.name());
        trainEvery.check(every);
        valuesPerStep.check(perStep);
        batch.check(batchSize);
        buffer.check(bufferRows);
        learningRate.check(rate);
    }
}
