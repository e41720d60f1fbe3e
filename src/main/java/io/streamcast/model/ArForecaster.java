package io.streamcast.model;

import io.streamcast.series.LagWindow;
import io.streamcast.series.OnlineScaler;
import io.streamcast.series.SeasonDetector;
import io.streamcast.series.ValueGuard;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * AR with an intercept, {@code X_t = c + Σ φ_i X_{t−i} + ε_t}, whose lags each series chooses from
 * its own data: orders 1..p, and the lags of its seasonal periods — found by a {@link SeasonDetector}
 * and revisited as the series grows (or fixed by configuration). The fit is online weighted least
 * squares with forgetting ({@link LagSelection}); the lags are chosen by an information criterion
 * (BIC by default) every few values. Recursive multi-step forecasts; conformal intervals per step.
 *
 * <p>A seasonal series is regressed two ways at once ({@link ArFamily}): on its values, and on its
 * differences at the first period (the seasonal ARIMA way: last season plus a fading correction).
 * Each step of the horizon takes the forecast of the way whose settled error at that step is lower
 * ({@link HorizonErrors}) — the one-step fit says little about which holds up 48 steps out.
 *
 * <p>Pipeline per value: guard (non-finite skipped and counted) → transform (log/Box-Cox, optional)
 * → outlier cleaning for the lag window ({@link OutlierCleaner}) → one weighted row for the fit
 * (Huber weights: a residual far beyond the usual counts less) → the value joins the lag window and
 * the season detector. Values are scaled by an affine map frozen at the end of warm-up, so the fit
 * sees well-conditioned numbers whatever the magnitude.
 *
 * <p>Stable on level shifts: when the cleaner confirms one, the fit forgets most of its past (an
 * intercept learned on the old level would otherwise pull forecasts back there for a long memory).
 * When the periods change, the offered lags change with them and the fit is rebuilt from the
 * detector's history. Warm-up: until the lag window is full the forecast is seasonal naive (naive
 * without a season); a subset needs three rows per coefficient before it is chosen.
 *
 * <p>Guards: recursive forecasts are kept within the range seen widened by its width; a series that
 * was never negative gets no negative means or bounds. Learning computes the H-step means once;
 * {@link #forecast} only reads them.
 */
final class ArForecaster implements Forecaster {
    static final String NAME = "ar";
    /** ar/4: lags chosen per series; ar/3 and ar/2 (fixed lags) still load, their window learned again. */
    private static final String TAG = "ar/4";

    private final ArConfig cfg;
    private final int horizon;
    private final ValueGuard guard;
    private final Transform transform;
    private final Support support;
    private final SeasonDetector detector;
    private final OnlineScaler warmup;
    private final ConformalIntervals intervals;
    private final OutlierCleaner cleaner;
    private final HorizonErrors errors;
    private final double[] means;

    private int[] periods;
    /** Regression on values, then (with a season) on seasonal differences. */
    private ArFamily[] families;
    private double[][] familyMeans;
    private LagWindow window;
    private boolean frozen;
    private double center;
    private double scale;
    private long shifts;
    private double[] path;

    ArForecaster(ArConfig cfg) {
        this(cfg, new ValueGuard(), new Transform(cfg.transform(), cfg.boxCoxLambda()), new Support(),
                new OnlineScaler(), new ConformalIntervals(cfg.horizon(), cfg.intervals()));
        usePeriods(cfg.seasons().detect() ? new int[0] : cfg.seasons().periods(), null);
        Arrays.fill(means, Double.NaN);
    }

    /** Parts restored by the caller; {@link #usePeriods} must follow. */
    ArForecaster(ArConfig cfg, ValueGuard guard, Transform transform, Support support, OnlineScaler warmup,
            ConformalIntervals intervals) {
        this.cfg = cfg;
        this.horizon = cfg.horizon();
        this.guard = guard;
        this.transform = transform;
        this.support = support;
        this.detector = cfg.seasons().detect() ? new SeasonDetector(cfg.history(), 2) : null;
        this.warmup = warmup;
        this.intervals = intervals;
        this.cleaner = new OutlierCleaner(cfg.outlierK(), cfg.outlierConfirm());
        this.errors = new HorizonErrors(2, horizon);
        this.means = new double[horizon];
    }

    /**
     * Sets the periods and the regressions offered with them; carries the lag window over (its
     * newest values exact, older ones from the detector's history when one is given).
     */
    void usePeriods(int[] p, double[] history) {
        periods = p;
        families = p.length == 0 ? new ArFamily[] {new ArFamily(0, cfg, p)}
                : new ArFamily[] {new ArFamily(0, cfg, p), new ArFamily(p[0], cfg, p)};
        familyMeans = new double[2][horizon];
        for (double[] m : familyMeans) {
            Arrays.fill(m, Double.NaN);
        }
        errors.reset(1);
        int capacity = 1;
        for (ArFamily f : families) {
            capacity = Math.max(capacity, f.span());
        }
        LagWindow old = window;
        window = new LagWindow(capacity);
        int exact = old == null ? 0 : Math.min(old.size(), capacity);
        if (history != null) {
            int fromHistory = Math.max(0, Math.min(capacity, history.length) - exact); // older values, as floats
            for (int i = history.length - exact - fromHistory; i < history.length - exact; i++) {
                window.push(transform.map(history[i]));
            }
        }
        for (int back = exact; back >= 1; back--) {
            window.push(old.lag(back));
        }
        path = new double[capacity + Math.max(horizon, 1)];
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Values skipped because they were NaN or infinite. */
    long skipped() {
        return guard.skipped();
    }

    /** The seasonal periods in use. */
    int[] periods() {
        return periods.clone();
    }

    /** The lags the regression on values has chosen, ascending. */
    int[] lags() {
        return families[0].fit.chosenLags();
    }

    /** Coefficients of the regression on values, in scaled units over all lags offered, intercept last. */
    double[] coefficients() {
        return families[0].fit.theta().clone();
    }

    /** Level shifts confirmed so far. */
    long shifts() {
        return shifts;
    }

    @Override
    public void learn(double value) {
        learn(value, true);
    }

    /**
     * Learns a value; {@code settle} false learns it as history, leaving the intervals alone (a
     * migrated state learns its stored window so, its pending forecasts still waiting for the future).
     */
    void learn(double value, boolean settle) {
        if (!guard.admit(value)) {
            return;
        }
        support.observe(value);
        double z = transform.forward(value);
        if (settle) {
            intervals.observe(z);
        }
        errors.observe(z);
        if (frozen) {
            z = cleaner.clean(z, means[0]); // means[0] is still the one-step forecast made for this value
            for (int back = 1; back <= cleaner.confirmedRun(); back++) {
                window.set(back, cleaner.rawOfRun(back));
            }
            if (cleaner.confirmedRun() > 0) {
                shifts++;
                for (ArFamily f : families) {
                    f.decay(cfg.shiftMemory());
                }
            }
            int n = window.copyInto(path, 0);
            path[n] = z;
            for (ArFamily f : families) {
                if (n >= f.span()) {
                    f.learn(path, n, center, scale, cfg.selectEvery());
                }
            }
        }
        window.push(z);
        if (!frozen) {
            warmup.add(z);
            if (window.isFull()) {
                frozen = true;
                center = warmup.mean();
                scale = warmup.safeStd();
            }
        }
        if (detector != null && detector.observe(value)) {
            double[] history = detector.history();
            usePeriods(detector.periods(), history);
            if (frozen) {
                double[] zs = new double[history.length];
                for (int i = 0; i < zs.length; i++) {
                    zs[i] = transform.map(history[i]);
                }
                for (ArFamily f : families) {
                    f.refit(zs, center, scale);
                }
            }
        }
        computeMeans();
        errors.record(familyMeans);
        if (settle) {
            intervals.record(means);
        }
    }

    /**
     * Means for steps 1..out.length in transformed space, each step from the family whose settled error
     * at it is lower; each family's own means go to {@code perFamily} (recorded for settling), the
     * recursion runs on {@code scratch} (window capacity + out.length values).
     */
    private void computeMeans(double[] out, double[][] perFamily, double[] scratch) {
        int n = window.size();
        if (n == 0) {
            Arrays.fill(out, Double.NaN);
            return;
        }
        if (!frozen || !window.isFull()) {
            int season = periods.length > 0 ? periods[0] : 0;
            for (int h = 1; h <= out.length; h++) {
                int back = season > 1 && n >= season ? season - ((h - 1) % season) : 1;
                out[h - 1] = window.lag(back);
            }
            return;
        }
        double zMin = transform.map(support.min());
        double zMax = transform.map(support.max());
        double lo = zMin - (zMax - zMin);
        double hi = zMax + (zMax - zMin);
        for (int f = 0; f < families.length; f++) {
            double[] m = perFamily[f];
            families[f].means(scratch, window.copyInto(scratch, 0), center, scale, lo, hi, m);
            for (int h = 1; h <= out.length; h++) {
                int step = Math.min(h, horizon);
                // false while an error is NaN: the values' forecast until the seasonal way has shown itself
                if (f == 0 || errors.error(f, step) < errors.error(0, step)) {
                    out[h - 1] = m[h - 1];
                }
            }
        }
    }

    /** The means of the current state into {@link #means}, each family's into {@link #familyMeans}. */
    private void computeMeans() {
        computeMeans(means, familyMeans, path);
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
            computeMeans(m, new double[families.length][steps], new double[window.capacity() + steps]);
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
        out.writeBoolean(detector != null);
        out.writeByte(periods.length);
        for (int p : periods) {
            out.writeInt(p);
        }
        guard.writeTo(out);
        transform.writeTo(out);
        support.writeTo(out);
        warmup.writeTo(out);
        intervals.writeTo(out);
        if (detector != null) {
            detector.writeTo(out);
        }
        window.writeTo(out);
        out.writeBoolean(frozen);
        out.writeDouble(center);
        out.writeDouble(scale);
        for (ArFamily f : families) {
            f.writeTo(out);
        }
        errors.writeTo(out);
        out.writeLong(shifts);
        cleaner.writeTo(out);
        // the means are not written: restore recomputes them, bit for bit, from the state above
    }

    static ArForecaster restore(ArConfig cfg, byte[] state) {
        return Snapshots.read(state, NAME, in -> readFrom(cfg, in));
    }

    private static ArForecaster readFrom(ArConfig cfg, DataInput in) throws IOException {
        String tag = Snapshots.expectTag(in, TAG, LegacyAr.TAGS);
        if (!tag.equals(TAG)) {
            return LegacyAr.read(cfg, in, tag);
        }
        int h = in.readInt();
        boolean detects = in.readBoolean();
        if (h != cfg.horizon() || detects != cfg.seasons().detect()) {
            throw new IOException("state is for horizon " + h + (detects ? " with" : " without")
                    + " detected seasons but the configuration has horizon " + cfg.horizon()
                    + (cfg.seasons().detect() ? " with" : " without") + " them");
        }
        int k = in.readByte();
        if (k < 0 || k > Seasons.MAX_PERIODS) {
            throw new IOException(k + " seasonal periods");
        }
        int[] p = new int[k];
        for (int i = 0; i < k; i++) {
            p[i] = in.readInt();
            if (p[i] < 2 || p[i] > Seasons.MAX_PERIOD) {
                throw new IOException("seasonal period " + p[i]);
            }
        }
        if (!detects && !Arrays.equals(p, cfg.seasons().periods())) {
            throw new IOException("state is for seasons " + Arrays.toString(p) + " but the configuration has "
                    + cfg.seasons());
        }
        ValueGuard guard = ValueGuard.readFrom(in);
        Transform t = new Transform(cfg.transform(), cfg.boxCoxLambda());
        t.readFrom(in);
        Support support = Support.readFrom(in);
        OnlineScaler warm = OnlineScaler.readFrom(in);
        ConformalIntervals ci = ConformalIntervals.readFrom(in, cfg.intervals());
        if (ci.horizon() != h) {
            throw new IOException("interval state for horizon " + ci.horizon() + ", expected " + h);
        }
        ArForecaster ar = new ArForecaster(cfg, guard, t, support, warm, ci);
        if (ar.detector != null) {
            ar.detector.readFrom(in);
        }
        ar.usePeriods(p, null);
        LagWindow window = LagWindow.readFrom(in);
        if (window.capacity() != ar.window.capacity()) {
            throw new IOException("lag window of " + window.capacity() + " values, expected " + ar.window.capacity());
        }
        ar.window = window;
        ar.frozen = in.readBoolean();
        ar.center = in.readDouble();
        ar.scale = in.readDouble();
        for (ArFamily f : ar.families) {
            f.readFrom(in);
        }
        ar.errors.readFrom(in);
        ar.shifts = in.readLong();
        ar.cleaner.readFrom(in);
        ar.computeMeans();
        return ar;
    }
}
