package io.streamcast.series;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Running mean and variance of a series by Welford's update, numerically stable for long series and
 * large magnitudes. Non-finite values are skipped and counted, never folded into the moments. The
 * state is three numbers and a counter, written and read back bit-exactly.
 */
public final class OnlineScaler {
    private long count;
    private double mean;
    private double m2;
    private long skipped;

    /** Folds one value in; returns false (and counts it) when the value is NaN or infinite. */
    public boolean add(double x) {
        if (!Double.isFinite(x)) {
            skipped++;
            return false;
        }
        count++;
        double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
        return true;
    }

    public long count() {
        return count;
    }

    /** Non-finite values that were offered and skipped. */
    public long skipped() {
        return skipped;
    }

    /** Mean of the values seen; 0 before the first. */
    public double mean() {
        return mean;
    }

    /** Sample variance (n − 1 denominator); 0 with fewer than two values. */
    public double variance() {
        return count < 2 ? 0.0 : Math.max(0.0, m2 / (count - 1));
    }

    public double std() {
        return Math.sqrt(variance());
    }

    /**
     * A divisor safe to scale by: the standard deviation, or — for a constant or near-constant series,
     * whose deviation would blow values up — the magnitude of the mean (1 for a series of zeros).
     */
    public double safeStd() {
        double s = std();
        double floor = 1e-9 * Math.max(1.0, Math.abs(mean));
        return s > floor ? s : Math.max(1.0, Math.abs(mean));
    }

    /** (x − mean) / safeStd. */
    public double scale(double x) {
        return (x - mean) / safeStd();
    }

    /** Inverse of {@link #scale}. */
    public double unscale(double z) {
        return z * safeStd() + mean;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(mean);
        out.writeDouble(m2);
        out.writeLong(skipped);
    }

    public static OnlineScaler readFrom(DataInput in) throws IOException {
        OnlineScaler s = new OnlineScaler();
        s.count = in.readLong();
        s.mean = in.readDouble();
        s.m2 = in.readDouble();
        s.skipped = in.readLong();
        if (s.count < 0 || s.skipped < 0 || !Double.isFinite(s.mean) || !Double.isFinite(s.m2)) {
            throw new IOException("corrupt scaler state: count " + s.count + ", mean " + s.mean + ", m2 " + s.m2);
        }
        return s;
    }
}
