package io.streamcast.model;

import java.io.DataInput;
import java.io.IOException;

/**
 * The local part of one series in a shared-network engine: its scaler (Welford mean and variance,
 * so series of any magnitude reach the network near unit scale), its recent raw values, the
 * one-step forecast awaiting the next value, its conformal intervals, and the recurrent state of
 * the network for this series (empty for the MLP). About 0.5 KB (FF-AR) to 1.4 KB (LSTM(32)) at H = 24.
 */
final class NeuralSeries {
    /** neural-series/2: compact intervals; neural-series/1 (before) still loads. */
    private static final String TAG = "neural-series/2";
    private static final String LEGACY_TAG = "neural-series/1";
    static final double LIMIT = 8.0;

    final String id;
    private long count;
    private double mean;
    private double m2;
    private final double[] recent;
    private int recentSize;
    private int recentNext;
    /** Mean of step 1 of the last forecast: the expectation for the next value. */
    double pending = Double.NaN;
    final ConformalIntervals intervals;
    long skipped;
    /** Recurrent state (h and c per layer), valid only while {@link #netVersion} is the engine's version. */
    final double[] netState;
    long netVersion = -1;
    /** The last forecast's means, handed out again when a value is skipped. */
    final double[] lastMeans;

    NeuralSeries(String id, int keep, int netStateSize, int horizon, IntervalConfig intervals) {
        this.id = id;
        this.recent = new double[keep];
        this.netState = new double[netStateSize];
        this.intervals = new ConformalIntervals(horizon, intervals);
        this.lastMeans = new double[horizon];
        java.util.Arrays.fill(lastMeans, Double.NaN);
    }

    private NeuralSeries(String id, int keep, int netStateSize, int horizon, ConformalIntervals intervals) {
        this.id = id;
        this.recent = new double[keep];
        this.netState = new double[netStateSize];
        this.intervals = intervals;
        this.lastMeans = new double[horizon];
    }

    long count() {
        return count;
    }

    int available() {
        return recentSize;
    }

    /** Scale of the series: its standard deviation, or 1 while it has none yet. */
    double scale() {
        double sd = count > 1 ? Math.sqrt(m2 / (count - 1)) : 0;
        return sd > 0 && Double.isFinite(sd) ? sd : 1.0;
    }

    /**
     * The value in units of the series' own spread, clipped to ±{@link #LIMIT}: one series' outlier
     * or overflow must never reach the weights every other series shares.
     */
    double scaled(double raw) {
        double z = (raw - mean) / scale();
        if (Double.isNaN(z)) {
            return 0.0;
        }
        return Math.max(-LIMIT, Math.min(LIMIT, z));
    }

    /** Back to the series' units; the last value where that overflows. */
    double unscaled(double z) {
        double x = mean + z * scale();
        return Double.isFinite(x) ? x : back(0);
    }

    /** Settles the intervals' pending forecasts, then updates the scaler and the recent values. */
    void learn(double x) {
        intervals.observe(x);
        count++;
        double d = x - mean;
        mean += d / count;
        m2 += d * (x - mean);
        recent[recentNext] = x;
        recentNext = (recentNext + 1) % recent.length;
        recentSize = Math.min(recentSize + 1, recent.length);
    }

    /** Issues a forecast with these means: remembered for settling, bounds from the intervals. */
    Forecast issue(String model, double[] means) {
        intervals.record(means);
        double[] lo = new double[means.length];
        double[] hi = new double[means.length];
        intervals.bounds(means, lo, hi);
        System.arraycopy(means, 0, lastMeans, 0, means.length);
        pending = means[0];
        return new Forecast(model, means, lo, hi);
    }

    /** The last forecast again (after a skipped value), or NaN means before any. */
    Forecast repeat(String model) {
        double[] lo = new double[lastMeans.length];
        double[] hi = new double[lastMeans.length];
        intervals.bounds(lastMeans, lo, hi);
        return new Forecast(model, lastMeans, lo, hi);
    }

    /** The k-th most recent raw value, 0 = latest. */
    double back(int k) {
        return recent[Math.floorMod(recentNext - 1 - k, recent.length)];
    }

    /** Writes the last {@code n} values scaled, oldest first, ending {@code skip} values before the latest. */
    void scaledWindow(int n, int skip, double[] out, int offset) {
        for (int i = 0; i < n; i++) {
            out[offset + i] = scaled(back(skip + n - 1 - i));
        }
    }

    byte[] toBytes() {
        return Snapshots.write(out -> {
            out.writeUTF(TAG);
            out.writeInt(recent.length);
            out.writeInt(netState.length);
            out.writeInt(lastMeans.length);
            out.writeLong(count);
            out.writeDouble(mean);
            out.writeDouble(m2);
            out.writeInt(recentSize);
            out.writeInt(recentNext);
            for (double v : recent) {
                out.writeDouble(v);
            }
            out.writeDouble(pending);
            out.writeLong(skipped);
            out.writeLong(netVersion);
            for (double v : netState) {
                out.writeDouble(v);
            }
            for (double v : lastMeans) {
                out.writeDouble(v);
            }
            intervals.writeTo(out);
        });
    }

    static NeuralSeries fromBytes(String id, byte[] state, int keep, int netStateSize, int horizon,
            IntervalConfig config, String model) {
        return Snapshots.read(state, model + " series '" + id + "'", in -> read(in, id, keep, netStateSize, horizon,
                config));
    }

    private static NeuralSeries read(DataInput in, String id, int keep, int netStateSize, int horizon,
            IntervalConfig config) throws IOException {
        boolean legacy = Snapshots.expectTag(in, TAG, LEGACY_TAG).equals(LEGACY_TAG);
        int k = in.readInt();
        int n = in.readInt();
        int h = in.readInt();
        if (k != keep || n != netStateSize || h != horizon) {
            throw new IOException("it holds " + k + " values, " + n + " network numbers and horizon " + h
                    + " but this engine keeps " + keep + ", " + netStateSize + " and horizon " + horizon
                    + ": saved by a differently configured engine");
        }
        long count = in.readLong();
        double mean = in.readDouble();
        double m2 = in.readDouble();
        int size = in.readInt();
        int next = in.readInt();
        double[] recent = new double[keep];
        for (int i = 0; i < keep; i++) {
            recent[i] = in.readDouble();
        }
        double pending = in.readDouble();
        long skipped = in.readLong();
        long netVersion = in.readLong();
        double[] net = new double[netStateSize];
        for (int i = 0; i < netStateSize; i++) {
            net[i] = in.readDouble();
        }
        double[] last = new double[horizon];
        for (int i = 0; i < horizon; i++) {
            last[i] = in.readDouble();
        }
        ConformalIntervals intervals = legacy ? ConformalIntervals.readLegacy(in, config)
                : ConformalIntervals.readFrom(in, config);
        if (intervals.horizon() != horizon || size < 0 || size > keep || next < 0 || next >= keep) {
            throw new IOException("inconsistent sizes: horizon " + intervals.horizon() + ", " + size + " values");
        }
        NeuralSeries s = new NeuralSeries(id, keep, netStateSize, horizon, intervals);
        s.count = count;
        s.mean = mean;
        s.m2 = m2;
        s.recentSize = size;
        s.recentNext = next;
        System.arraycopy(recent, 0, s.recent, 0, keep);
        s.pending = pending;
        s.skipped = skipped;
        s.netVersion = netVersion;
        System.arraycopy(net, 0, s.netState, 0, netStateSize);
        System.arraycopy(last, 0, s.lastMeans, 0, horizon);
        return s;
    }
}
