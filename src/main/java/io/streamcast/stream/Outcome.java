package io.streamcast.stream;

import java.util.Objects;

/**
 * What a stage before the models forwards for one record: its value for the next stage, or a dead letter
 * for the dead-letter topic, never both. The topology splits a stage's stream on {@link #isDeadLetter()}
 * and reads each branch with {@link #value()} or {@link #deadLetter()}, so every stream stays typed.
 *
 * @param <T> what the next stage takes: a {@link ParsedEvent} after parsing, a {@link Resampled} step after
 *     resampling
 */
sealed interface Outcome<T> {

    /** A value for the next stage. */
    static <T> Outcome<T> of(T value) {
        return new Value<>(value);
    }

    /** A dead letter: an {@link Emit} bound for the dead-letter topic. */
    static <T> Outcome<T> rejected(Emit deadLetter) {
        return new Rejected<>(deadLetter);
    }

    boolean isDeadLetter();

    /** The value for the next stage; throws on a dead letter. */
    T value();

    /** The dead letter; throws on a value. */
    Emit deadLetter();

    /** The stage's value for the next stage. */
    record Value<T>(T value) implements Outcome<T> {
        public Value {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isDeadLetter() {
            return false;
        }

        @Override
        public Emit deadLetter() {
            throw new IllegalStateException("not a dead letter: " + value);
        }
    }

    /** A record the stage refused, as its dead letter. */
    record Rejected<T>(Emit deadLetter) implements Outcome<T> {
        public Rejected {
            Objects.requireNonNull(deadLetter, "deadLetter");
            if (deadLetter.output() != Emit.Output.DEAD_LETTER) {
                throw new IllegalArgumentException("a stage refuses a record with a dead letter, not a "
                        + deadLetter.output());
            }
        }

        @Override
        public boolean isDeadLetter() {
            return true;
        }

        @Override
        public T value() {
            throw new IllegalStateException("a dead letter has no value for the next stage");
        }
    }
}
