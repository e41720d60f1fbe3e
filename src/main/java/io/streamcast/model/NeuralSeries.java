package io.streamcast.model;

import java.io.DataInput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The local part of one series in a shared-network engine: its {@link SeriesNormaliser} (log space,
 * seasons, scale), its recent raw values, the one-step forecast awaiting the next value, its
 * conformal intervals, and the recurrent state of the network for this series (empty for the MLP).
 *
 * <p>The network sees a series only through {@link #window}: recent values deseasonalised, taken
 * relative to the newest of them and divided by the series' scale — the same numbers whatever the
 * series' magnitude, trend or calendar — and answers in the same units, which {@link #restore}
 * turns back into the series' own.
 */
final class NeuralSeries {
    /** neural-series/3: normalised by level, seasons and scale; /2 and /1 (Welford-scaled) still load. */
    private static final String TAG = "neural-series/3";
    private static final String[] LEGACY_TAGS = {"neural-series/2", "neural-series/1"};
    /** Normalised values beyond ± this are clipped: one series' break must not reach the shared weights whole. */
    static final double LIMIT = 50.0;

    final String id;
    final SeriesNormaliser normaliser;
    private final double[] recent;
    private int recentSize;
    private int recentNext;
    /** Mean of step 1 of the last forecast: the expectation for the next value. */
    double pending = Double.NaN;
    final ConformalIntervals intervals;
    long skipped;
    /**
     * The network's numbers for this series (the LSTM's: its state now and the states it had before
     * each training sequence still waiting for its labels); empty for the MLP.
     */
    final double[] netState;
    /** Written and read with the state; unused since the LSTM carries its states across training steps. */
    long netVersion = -1;
    /** The last forecast's means, handed out again when a value is skipped. */
    final double[] lastMeans;

    NeuralSeries(String id, int keep, int netStateSize, int horizon, IntervalConfig intervals, Seasons seasons,
            int history) {
        this(id, keep, netStateSize, horizon, new ConformalIntervals(horizon, intervals),
                new SeriesNormaliser(seasons, history));
        Arrays.fill(lastMeans, Double.NaN);
    }

    private NeuralSeries(String id, int keep, int netStateSize, int horizon, ConformalIntervals intervals,
            SeriesNormaliser normaliser) {
        this.id = id;
        this.recent = new double[keep];
        this.netState = new double[netStateSize];
        this.intervals = intervals;
        this.lastMeans = new double[horizon];
        this.normaliser = normaliser;
    }

    long count() {
        return normaliser.count();
    }

    int available() {
        return recentSize;
    }

    /** Settles the intervals' pending forecasts, then updates the normaliser and the recent values. */
    void learn(double x) {
        intervals.observe(x);
        normaliser.observe(x);
        recent[recentNext] = x;
        recentNext = (recentNext + 1) % recent.length;
        recentSize = Math.min(recentSize + 1, recent.length);
    }

    /** The k-th most recent raw value, 0 = latest. */
    double back(int k) {
        return recent[Math.floorMod(recentNext - 1 - k, recent.length)];
    }

    /** The k-th most recent value deseasonalised in work space, 0 = latest. */
    double deseasonalisedBack(int k) {
        return normaliser.deseasonalised(back(k), count() - 1 - k);
    }

    /**
     * Writes {@code n} normalised values, oldest first, ending {@code skip} values before the latest:
     * each deseasonalised, minus the deseasonalised value at {@code refSkip} values before the
     * latest, over the scale, clipped to ±{@link #LIMIT}. Values older than the series are its
     * oldest value repeated.
     */
    void window(int n, int skip, int refSkip, double[] out, int offset) {
        double ref = deseasonalisedBack(refSkip);
        double s = normaliser.scale();
        int oldest = recentSize - 1;
        for (int i = 0; i < n; i++) {
            int k = Math.min(skip + n - 1 - i, oldest);
            out[offset + i] = clip((deseasonalisedBack(k) - ref) / s);
        }
    }

    /**
     * Writes {@code n} normalised one-step changes, oldest first, the newest being the change into
     * the value {@code skip} values before the latest: what a recurrent network steps on.
     */
    void changes(int n, int skip, double[] out, int offset) {
        double s = normaliser.scale();
        int oldest = recentSize - 1;
        for (int i = 0; i < n; i++) {
            int k = skip + n - 1 - i;
            out[offset + i] = k + 1 > oldest ? 0.0 : clip((deseasonalisedBack(k) - deseasonalisedBack(k + 1)) / s);
        }
    }

    static double clip(double z) {
        return Double.isNaN(z) ? 0.0 : Math.max(-LIMIT, Math.min(LIMIT, z));
    }

    /** The value h steps after the latest, from a network output in window units relative to the latest. */
    double restore(int h, double output) {
        double d = deseasonalisedBack(0) + output * normaliser.scale();
        double x = normaliser.restore(d, count() - 1 + h);
        return Double.isFinite(x) ? x : back(0); // beyond the double range: the latest value
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

    /** Until the network serves a series: its latest deseasonalised value with the seasons put back. */
    double[] seasonalNaive(int horizon) {
        double[] m = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            m[h - 1] = restore(h, 0.0);
        }
        return m;
    }

    byte[] toBytes() {
        return Snapshots.write(out -> {
            out.writeUTF(TAG);
            out.writeInt(recent.length);
            out.writeInt(netState.length);
            out.writeInt(lastMeans.length);
            normaliser.writeTo(out);
            out.writeInt(recentSize);
            for (int k = recentSize - 1; k >= 0; k--) {
                out.writeDouble(back(k));
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

    /** What an engine needs to read a series' bytes back. */
    record Shape(int keep, int netStateSize, int horizon, IntervalConfig intervals, Seasons seasons, int history) {
        NeuralSeries create(String id) {
            return new NeuralSeries(id, keep, netStateSize, horizon, intervals, seasons, history);
        }
    }

    static NeuralSeries fromBytes(String id, byte[] state, Shape shape, String model) {
        return Snapshots.read(state, model + " series '" + id + "'", in -> read(in, id, shape));
    }

    private static NeuralSeries read(DataInput in, String id, Shape shape) throws IOException {
        String tag = Snapshots.expectTag(in, TAG, LEGACY_TAGS);
        int k = in.readInt();
        int n = in.readInt();
        int h = in.readInt();
        if (!tag.equals(TAG)) {
            return readLegacy(in, id, shape, tag, k, n, h);
        }
        if (k != shape.keep() || n != shape.netStateSize() || h != shape.horizon()) {
            throw new IOException("it holds " + k + " values, " + n + " network numbers and horizon " + h
                    + " but this engine keeps " + shape.keep() + ", " + shape.netStateSize() + " and horizon "
                    + shape.horizon() + ": saved by a differently configured engine");
        }
        SeriesNormaliser normaliser = new SeriesNormaliser(shape.seasons(), shape.history());
        normaliser.readFrom(in);
        int size = in.readInt();
        if (size < 0 || size > k) {
            throw new IOException(size + " recent values of at most " + k);
        }
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = in.readDouble();
        }
        double pending = in.readDouble();
        long skipped = in.readLong();
        long netVersion = in.readLong();
        double[] net = readDoubles(in, n);
        double[] last = readDoubles(in, h);
        ConformalIntervals intervals = ConformalIntervals.readFrom(in, shape.intervals());
        if (intervals.horizon() != h) {
            throw new IOException("interval state for horizon " + intervals.horizon() + ", expected " + h);
        }
        NeuralSeries s = new NeuralSeries(id, k, n, h, intervals, normaliser);
        for (double v : values) {
            s.recent[s.recentNext] = v;
            s.recentNext = (s.recentNext + 1) % k;
            s.recentSize++;
        }
        s.pending = pending;
        s.skipped = skipped;
        s.netVersion = netVersion;
        System.arraycopy(net, 0, s.netState, 0, n);
        System.arraycopy(last, 0, s.lastMeans, 0, h);
        return s;
    }

    /**
     * A series saved by the release before normalisation (/1, /2: a Welford scaler and the raw
     * window): its recent values, oldest first, are learned again by a fresh series, which keeps the
     * old intervals and last forecast. Its network state is dropped (the LSTM starts it from zero).
     */
    private static NeuralSeries readLegacy(DataInput in, String id, Shape shape, String tag, int k, int n, int h)
            throws IOException {
        if (h != shape.horizon()) {
            throw new IOException("it has horizon " + h + " but this engine has " + shape.horizon());
        }
        in.readLong(); // Welford count, mean, m2: the normaliser replaces them
        in.readDouble();
        in.readDouble();
        int size = in.readInt();
        int next = in.readInt();
        if (size < 0 || size > k || next < 0 || next >= Math.max(1, k)) {
            throw new IOException(size + " recent values at " + next + " of " + k);
        }
        double[] ring = readDoubles(in, k);
        double pending = in.readDouble();
        long skipped = in.readLong();
        in.readLong();
        readDoubles(in, n);
        double[] last = readDoubles(in, h);
        ConformalIntervals intervals = tag.equals("neural-series/1") ? ConformalIntervals.readLegacy(in, shape.intervals())
                : ConformalIntervals.readFrom(in, shape.intervals());
        NeuralSeries s = new NeuralSeries(id, shape.keep(), shape.netStateSize(), h, intervals,
                new SeriesNormaliser(shape.seasons(), shape.history()));
        for (int i = 0; i < size; i++) {
            double v = ring[Math.floorMod(next - size + i, k)];
            s.normaliser.observe(v);
            s.recent[s.recentNext] = v;
            s.recentNext = (s.recentNext + 1) % s.recent.length;
            s.recentSize = Math.min(s.recentSize + 1, s.recent.length);
        }
        s.pending = pending;
        s.skipped = skipped;
        System.arraycopy(last, 0, s.lastMeans, 0, h);
        return s;
    }

    private static double[] readDoubles(DataInput in, int n) throws IOException {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }
}
