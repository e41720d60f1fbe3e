package io.streamcast.config;

import java.util.function.Predicate;

/**
 * What a key's value must be beyond its type, and the words for it that finish {@code KEY must be ...}: "in 1..64",
 * "in (0.9, 1]", "strictly between 0 and 1".
 *
 * @param describe the requirement, read after "must be"
 * @param test     whether a value meets it
 */
public record Validator<T>(String describe, Predicate<? super T> test) {
    public boolean accepts(T value) {
        return test.test(value);
    }

    /** Any value of the type. */
    public static <T> Validator<T> any() {
        return of("", v -> true);
    }

    public static <T> Validator<T> of(String description, Predicate<? super T> test) {
        return new Validator<>(description, test);
    }

    /** {@code lo..hi}, both included. */
    public static Validator<Integer> between(int lo, int hi) {
        return of("in " + lo + ".." + hi, v -> v >= lo && v <= hi);
    }

    public static Validator<Integer> atLeast(int lo) {
        return of("at least " + lo, v -> v >= lo);
    }

    /** A positive integer. */
    public static Validator<Integer> positive() {
        return of("a positive integer", v -> v >= 1);
    }

    /** A non-negative integer. */
    public static Validator<Integer> nonNegative() {
        return of("a non-negative integer", v -> v >= 0);
    }
}
