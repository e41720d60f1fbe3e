package io.streamcast.model;

import io.streamcast.series.LagWindow;
import io.streamcast.series.OnlineScaler;
import io.streamcast.series.ValueGuard;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * AR(p) with optional seasonal lags, learned online by recursive least squares with a forgetting
 * factor and an intercept; recursive multi-step forecasts; conformal intervals per step.
 *
 * <p>Pipeline per value: guard (non-finite skipped and counted) → transform (log/Box-Cox, optional)
 * → optional seasonal differencing → scaling → RLS. Scaling is an affine map frozen at the end of
 * warm-up (mean and deviation of the warm-up values) so that the regression sees well-conditioned
 * numbers whatever the magnitude of the series, and never changes underneath the coefficients.
 *
 * <p>Warm-up: until the lag window is full (the largest lag, plus S when differencing) the model
 * forecasts seasonal-naive (naive without season). The coefficients start at that same forecast
 * (coefficient 1 on lag S, or on lag 1), so the first learned forecasts start from the baseline.
 *
 * <p>Guards: P is kept symmetric and its trace capped at 10·δ·dim, which stops covariance wind-up on
 * constant or unexciting input; a non-finite update resets the estimator (counted); recursive
 * forecasts are kept within the range seen widened by its width, so an unstable transient cannot
 * explode over a long horizon; a never-negative series gets no negative means or bounds; a value far
 * from its one-step forecast is learned as a Huber-cleaned value ({@link OutlierCleaner}) unless a run
 * of them shows a level shift.
 *
 * <p>Learning computes the H-step means once and records them for the intervals; {@link #forecast}
 * only reads them.
 */
final class ArForecaster implements Forecaster {
    static final String NAME = "ar";
    /** ar/3: compact intervals, means recomputed on restore; ar/2 (before) still loads. */
    private static final String TAG = "ar/3";
    private static final String LEGACY_TAG = "ar/2";

    private final ArConfig cfg;
    private final int horizon;
    private final int[] lags;
    private final int season;
    private final boolean diff;
    private final int need;
    private final int dim;
    private final double traceCap;

    private final ValueGuard guard;
    private final Transform transform;
    private final Support support;
    private final LagWindow window;
    private final OnlineScaler warmup;
    private boolean frozen;
    private double center;
    private double scale;
    private final double[] theta;
    private final double[] p;
    private long updates;
    private long resets;
    private final ConformalIntervals intervals;
    private final OutlierCleaner cleaner;
    private final double[] means;

    private final double[] x;
    private final double[] px;
    private final double[] path;

    ArForecaster(ArConfig cfg) {
        this(cfg, new ValueGuard(), new Transform(cfg.transform(), cfg.boxCoxLambda()), new Support(),
                new LagWindow(capacity(cfg)), new OnlineScaler(), new ConformalIntervals(cfg.horizon(), cfg.intervals()));
        resetEstimator();
        Arrays.fill(means, Double.NaN);
    }

    private ArForecaster(ArConfig cfg, ValueGuard guard, Transform transform, Support support, LagWindow window,
            OnlineScaler warmup, ConformalIntervals intervals) {
        this.cfg = cfg;
        this.horizon = cfg.horizon();
        this.lags = cfg.lags();
        this.season = cfg.season();
        this.diff = cfg.seasonalDifferencing();
        this.need = capacity(cfg);
        this.dim = lags.length + (cfg.intercept() ? 1 : 0);
        this.traceCap = 10 * cfg.delta() * dim;
        this.guard = guard;
        this.transform = transform;
        this.support = support;
        this.window = window;
        this.warmup = warmup;
        this.theta = new double[dim];
        this.p = new double[dim * dim];
        this.intervals = intervals;
        this.cleaner = new OutlierCleaner(cfg.outlierK(), cfg.outlierConfirm());
        this.means = new double[horizon];
        this.x = new double[dim];
        this.px = new double[dim];
        this.path = new double[need + horizon];
    }

    private static int capacity(ArConfig cfg) {
        int[] l = cfg.lags();
        return l[l.length - 1] + (cfg.seasonalDifferencing() ? cfg.season() : 0);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Values skipped because they were NaN or infinite. */
    long skipped() {
        return guard.skipped();
    }

    /** Times the estimator was reset after a non-finite update. */
    long resets() {
        return resets;
    }

    /** Current coefficients in scaled units, lags in ascending order, intercept last (a copy). */
    double[] coefficients() {
        return theta.clone();
    }

    int[] lags() {
        return lags.clone();
    }

    @Override
    public void learn(double value) {
        if (!guard.admit(value)) {
            return;
        }
        support.observe(value);
        double z = transform.forward(value);
        intervals.observe(z);
        if (frozen) {
            z = cleaner.clean(z, means[0]); // means[0] is still the one-step forecast made for this value
            for (int back = 1; back <= cleaner.confirmedRun(); back++) {
                window.set(back, cleaner.rawOfRun(back));
            }
            window.copyInto(path, 0);
            double target = diff ? z - path[need - season] : z;
            fillRegressorsFrom(path, need);
            update((target - center) / scale);
        }
        window.push(z);
        if (!frozen) {
            warmup.add(z);
            if (window.isFull()) {
                freeze();
            }
        }
        computeMeans(means, path);
        intervals.record(means);
    }

    private void freeze() {
        frozen = true;
        center = diff ? 0.0 : warmup.mean();
        scale = warmup.safeStd();
    }

    /** One RLS step towards target y for regressors x, with forgetting, trace cap and reset on blow-up. */
    private void update(double y) {
        double denom = cfg.forgetting();
        for (int r = 0; r < dim; r++) {
            double s = 0;
            int row = r * dim;
            for (int c = 0; c < dim; c++) {
                s += p[row + c] * x[c];
            }
            px[r] = s;
            denom += x[r] * s;
        }
        double err = y;
        for (int c = 0; c < dim; c++) {
            err -= theta[c] * x[c];
        }
        if (!(denom > 0) || !Double.isFinite(denom) || !Double.isFinite(err)) {
            reset();
            return;
        }
        double inv = 1.0 / denom;
        double lambdaInv = 1.0 / cfg.forgetting();
        double trace = 0;
        for (int r = 0; r < dim; r++) {
            double kr = px[r] * inv;
            theta[r] += kr * err;
            int row = r * dim;
            for (int c = r; c < dim; c++) {
                double v = (p[row + c] - kr * px[c]) * lambdaInv;
                p[row + c] = v;
                p[c * dim + r] = v;
            }
            trace += p[row + r];
        }
        if (!Double.isFinite(trace) || !finite(theta)) {
            reset();
            return;
        }
        if (trace > traceCap) {
            double f = traceCap / trace;
            for (int i = 0; i < p.length; i++) {
                p[i] *= f;
            }
        }
        updates++;
    }

    private static boolean finite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private void reset() {
        resets++;
        resetEstimator();
    }

    /** Safe start: P = δI and coefficients that reproduce the seasonal-naive (or naive) forecast. */
    private void resetEstimator() {
        Arrays.fill(theta, 0.0);
        Arrays.fill(p, 0.0);
        for (int i = 0; i < dim; i++) {
            p[i * dim + i] = cfg.delta();
        }
        if (!diff) {
            int at = Arrays.binarySearch(lags, season > 1 ? season : 1);
            if (at < 0) {
                at = 0;
            }
            theta[at] = 1.0;
        }
    }

    /** Means for steps 1..out.length in transformed space, by recursion on a scratch path. */
    private void computeMeans(double[] out, double[] scratch) {
        int n = window.size();
        if (n == 0) {
            Arrays.fill(out, Double.NaN);
            return;
        }
        if (!frozen) {
            for (int h = 1; h <= out.length; h++) {
                int back = season > 1 && n >= season ? season - ((h - 1) % season) : 1;
                out[h - 1] = window.lag(back);
            }
            return;
        }
        window.copyInto(scratch, 0);
        double zMin = transform.map(support.min());
        double zMax = transform.map(support.max());
        double lo = zMin - (zMax - zMin);
        double hi = zMax + (zMax - zMin);
        for (int h = 1; h <= out.length; h++) {
            int i = need + h - 1;
            fillRegressorsFrom(scratch, i);
            double u = 0;
            for (int c = 0; c < dim; c++) {
                u += theta[c] * x[c];
            }
            double v = u * scale + center;
            double z = diff ? v + scratch[i - season] : v;
            if (!Double.isFinite(z)) {
                z = scratch[i - 1];
            }
            z = Math.max(lo, Math.min(hi, z));
            scratch[i] = z;
            out[h - 1] = z;
        }
    }

    /** Regressors for the value at index i of src: scaled (differenced) lags, then the intercept. */
    private void fillRegressorsFrom(double[] src, int i) {
        for (int k = 0; k < lags.length; k++) {
            int j = i - lags[k];
            double v = diff ? src[j] - src[j - season] : src[j];
            x[k] = (v - center) / scale;
        }
        if (cfg.intercept()) {
            x[dim - 1] = 1.0;
        }
    }

    @Override
    public Forecast forecast(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("forecast horizon must be at least 1, got " + steps);
        }
        double[] m;
        if (steps <= horizon) {
            m = Arrays.copyOf(means, steps);
        } else {
            m = new double[steps];
            computeMeans(m, new double[need + steps]);
        }
        double[] lo = new double[steps];
        double[] hi = new double[steps];
        intervals.bounds(m, lo, hi);
        transform.inverseInPlace(m);
        transform.inverseInPlace(lo);
        transform.inverseInPlace(hi);
        support.clamp(m);
        support.clamp(lo);
        support.clamp(hi);
        return new Forecast(NAME, m, lo, hi);
    }

    @Override
    public byte[] snapshot() {
        return Snapshots.write(this::writeTo);
    }

    private void writeTo(DataOutput out) throws IOException {
        out.writeUTF(TAG);
        out.writeInt(horizon);
        out.writeInt(dim);
        out.writeInt(need);
        guard.writeTo(out);
        transform.writeTo(out);
        support.writeTo(out);
        window.writeTo(out);
        warmup.writeTo(out);
        intervals.writeTo(out);
        out.writeBoolean(frozen);
        out.writeDouble(center);
        out.writeDouble(scale);
        for (double v : theta) {
            out.writeDouble(v);
        }
        for (int r = 0; r < dim; r++) { // P is symmetric: its upper triangle is enough
            for (int c = r; c < dim; c++) {
                out.writeDouble(p[r * dim + c]);
            }
        }
        out.writeLong(updates);
        out.writeLong(resets);
        cleaner.writeTo(out);
        // the means are not written: restore recomputes them, bit for bit, from the state above
    }

    static ArForecaster restore(ArConfig cfg, byte[] state) {
        return Snapshots.read(state, NAME, in -> readFrom(cfg, in));
    }

    private static ArForecaster readFrom(ArConfig cfg, DataInput in) throws IOException {
        boolean legacy = Snapshots.expectTag(in, TAG, LEGACY_TAG).equals(LEGACY_TAG);
        int h = in.readInt();
        int d = in.readInt();
        int n = in.readInt();
        int wantDim = cfg.lags().length + (cfg.intercept() ? 1 : 0);
        if (h != cfg.horizon() || d != wantDim || n != capacity(cfg)) {
            throw new IOException("state is for horizon " + h + ", " + d + " coefficients, window " + n
                    + " but the configuration has horizon " + cfg.horizon() + ", " + wantDim + " coefficients, window "
                    + capacity(cfg));
        }
        ValueGuard guard = ValueGuard.readFrom(in);
        Transform t = new Transform(cfg.transform(), cfg.boxCoxLambda());
        t.readFrom(in);
        Support support = Support.readFrom(in);
        LagWindow window = LagWindow.readFrom(in);
        OnlineScaler warmup = OnlineScaler.readFrom(in);
        if (window.capacity() != n) {
            throw new IOException("lag window of " + window.capacity() + " values, expected " + n);
        }
        ConformalIntervals ci = legacy ? ConformalIntervals.readLegacy(in, cfg.intervals())
                : ConformalIntervals.readFrom(in, cfg.intervals());
        if (ci.horizon() != h) {
            throw new IOException("interval state for horizon " + ci.horizon() + ", expected " + h);
        }
        ArForecaster ar = new ArForecaster(cfg, guard, t, support, window, warmup, ci);
        ar.frozen = in.readBoolean();
        ar.center = in.readDouble();
        ar.scale = in.readDouble();
        for (int i = 0; i < ar.theta.length; i++) {
            ar.theta[i] = in.readDouble();
        }
        for (int r = 0; r < d; r++) {
            for (int c = r; c < d; c++) {
                double v = in.readDouble();
                ar.p[r * d + c] = v;
                ar.p[c * d + r] = v;
            }
        }
        ar.updates = in.readLong();
        ar.resets = in.readLong();
        ar.cleaner.readFrom(in);
        if (legacy) {
            for (int i = 0; i < h; i++) {
                in.readDouble(); // the means it stored: computeMeans gives the same
            }
        }
        ar.computeMeans(ar.means, ar.path);
        return ar;
    }
}
