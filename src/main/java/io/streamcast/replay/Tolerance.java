package io.streamcast.replay;

/**
 * How far a number in a replay's output may be from the golden one: equal when
 * {@code |expected - actual| <= absolute + relative * max(|expected|, |actual|)}. {@link #EXACT}
 * compares the lines byte for byte instead.
 */
public record Tolerance(double absolute, double relative) {
    /** Byte-identical lines. */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    public Tolerance {
        if (!(absolute >= 0) || !(relative >= 0) || Double.isInfinite(absolute) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException("tolerances must be finite and ≥ 0, got absolute " + absolute
                    + ", relative " + relative);
        }
    }

    public static Tolerance absolute(double absolute) {
        return new Tolerance(absolute, 0);
    }

    public static Tolerance relative(double relative) {
        return new Tolerance(0, relative);
    }

    public boolean isExact() {
        return absolute == 0 && relative == 0;
    }

    boolean accepts(double expected, double actual) {
        if (Double.compare(expected, actual) == 0) {
            return true;
        }
        return Math.abs(expected - actual) <= absolute + relative * Math.max(Math.abs(expected), Math.abs(actual));
    }

    @Override
    public String toString() {
        return isExact() ? "exact" : "absolute " + absolute + ", relative " + relative;
    }
}
