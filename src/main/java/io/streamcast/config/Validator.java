package io.streamcast.config;

import java.util.function.Predicate;

/**
 * What a key's value must be beyond its type, and the words for it that finish {@code KEY must be ...}: "in 1..64",
 * "in (0.9, 1]", "strictly between 0 and 1".
 */
public interface Validator<T> {

    boolean accepts(T value);

    /** The requirement, read after "must be". */
    String describe();

    /** Any value of the type. */
    static <T> Validator<T> any() {
        return of("", v -> true);
    }

    static <T> Validator<T> of(String description, Predicate<? super T> test) {
        return new Validator<>() {
            @Override
            public boolean accepts(T value) {
                return test.test(value);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** {@code lo..hi}, both included. */
    static Validator<Integer> between(int lo, int hi) {
        return of("in " + lo + ".." + hi, v -> v >= lo && v <= hi);
    }

    static Validator<Integer> atLeast(int lo) {
        return of("at least " + lo, v -> v >= lo);
    }

    /** A positive integer. */
    static Validator<Integer> positive() {
        return of("a positive integer", v -> v >= 1);
    }

    /** A non-negative integer. */
    static Validator<Integer> nonNegative() {
        return of("a non-negative integer", v -> v >= 0);
    }
}
