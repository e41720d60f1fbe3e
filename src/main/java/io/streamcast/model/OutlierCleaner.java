package io.streamcast.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Cleans a series against its own one-step forecasts before a model learns from it, after Gelper,
 * Fried and Croux, "Robust forecasting with exponential and Holt–Winters smoothing" (2010): a value
 * whose error exceeds k robust scales is replaced by the forecast plus k scales (Huber's ψ). One spike
 * then can neither wreck the RLS coefficients nor sit in the lag window as if it were real — without
 * this, a single +40 spike on a quiet sine sent AR's forecasts between 0 and 93 for eight steps.
 *
 * <p>A run of {@code confirm} exceedances of the same sign is a level shift, not an outlier: it is let
 * through, the scale restarts from it, and {@link #confirmedRun()} tells the caller how many earlier
 * values of the run it cleaned, to be put back as they were ({@link #rawOfRun}) — a lag window holding
 * a cleaned ramp would make an oscillating AR ring for a whole season.
 * The scale is 1.2533 × an exponentially weighted mean absolute error (σ for Gaussian errors; absolute
 * values, not squares, so errors near the top of the double range cannot overflow), learned plainly over
 * the first {@value #WARMUP} errors. The anomaly score and the intervals still see the raw values.
 */
final class OutlierCleaner {
    static final int WARMUP = 20;
    private static final double RATE = 0.05;
    private static final double SIGMA_PER_MAE = 1.2533;

    private final double k;
    private final int confirm;
    private double meanAbs;
    private long seen;
    private int run;
    private long cleaned;
    private final double[] runRaw;
    private int confirmedRun;

    /** k ≤ 0 turns cleaning off. */
    OutlierCleaner(double k, int confirm) {
        this.k = k;
        this.confirm = confirm;
        this.runRaw = new double[confirm];
    }

    /** How many values before the last one belonged to a level shift just confirmed (else 0). */
    int confirmedRun() {
        return confirmedRun;
    }

    /** The raw value of the confirmed run {@code back} steps before the last one (1 = the previous value). */
    double rawOfRun(int back) {
        return runRaw[confirmedRun - back];
    }

    /** The value to learn in place of {@code actual}, given the forecast that was made for it. */
    double clean(double actual, double expected) {
        confirmedRun = 0;
        if (k <= 0 || !Double.isFinite(expected)) {
            return actual;
        }
        double e = actual - expected;
        double abs = Math.abs(e);
        if (!Double.isFinite(abs)) { // beyond double range: nothing sensible to clean towards
            return actual;
        }
        if (seen < WARMUP) {
            seen++;
            meanAbs += (abs - meanAbs) / seen;
            return actual;
        }
        double limit = k * SIGMA_PER_MAE * meanAbs;
        if (abs <= limit || !Double.isFinite(limit)) {
            run = 0;
            meanAbs += RATE * (abs - meanAbs);
            return actual;
        }
        int sign = e > 0 ? 1 : -1;
        run = Integer.signum(run) == sign ? run + sign : sign;
        if (Math.abs(run) >= confirm) { // a level shift: take it, and its size as the new scale
            confirmedRun = confirm - 1;
            run = 0;
            meanAbs = abs;
            return actual;
        }
        runRaw[Math.abs(run) - 1] = actual;
        cleaned++;
        meanAbs += RATE * (limit - meanAbs);
        return expected + sign * limit;
    }

    /** Values replaced so far. */
    long cleaned() {
        return cleaned;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(meanAbs);
        out.writeLong(seen);
        out.writeInt(run);
        out.writeLong(cleaned);
        for (double v : runRaw) {
            out.writeDouble(v);
        }
    }

    void readFrom(DataInput in) throws IOException {
        meanAbs = in.readDouble();
        seen = in.readLong();
        run = in.readInt();
        cleaned = in.readLong();
        for (int i = 0; i < runRaw.length; i++) {
            runRaw[i] = in.readDouble();
        }
    }
}
