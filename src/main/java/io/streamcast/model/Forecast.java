package io.streamcast.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A multi-step forecast: for steps 1..H, the mean and the lower/upper bounds of the prediction
 * interval. Arrays are copied in and out, so a forecast never changes once made.
 */
public record Forecast(String model, double[] mean, double[] lo, double[] hi) {
    public Forecast {
        Objects.requireNonNull(model, "model");
        mean = mean.clone();
        lo = lo.clone();
        hi = hi.clone();
        if (lo.length != mean.length || hi.length != mean.length) {
            throw new IllegalArgumentException("forecast of model " + model + ": mean has " + mean.length
                    + " steps but lo has " + lo.length + " and hi " + hi.length);
        }
    }

    public int horizon() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] lo() {
        return lo.clone();
    }

    @Override
    public double[] hi() {
        return hi.clone();
    }

    /** Mean at step h, 1-based, without copying. */
    public double mean(int step) {
        return mean[step - 1];
    }

    public double lo(int step) {
        return lo[step - 1];
    }

    public double hi(int step) {
        return hi[step - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Forecast f && model.equals(f.model) && Arrays.equals(mean, f.mean)
                && Arrays.equals(lo, f.lo) && Arrays.equals(hi, f.hi);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, Arrays.hashCode(mean), Arrays.hashCode(lo), Arrays.hashCode(hi));
    }

    @Override
    public String toString() {
        return "Forecast[" + model + ", mean=" + Arrays.toString(mean) + ", lo=" + Arrays.toString(lo)
                + ", hi=" + Arrays.toString(hi) + "]";
    }
}
