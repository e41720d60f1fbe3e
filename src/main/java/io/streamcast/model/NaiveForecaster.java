package io.streamcast.model;

import io.streamcast.series.LagWindow;
import io.streamcast.series.ValueGuard;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The baselines: naive (every step repeats the last value) and seasonal naive (step h repeats the
 * value one season before it; naive until a full season has been seen). Used to judge models (MASE)
 * and as warm-up fallbacks; with conformal intervals like every model.
 */
final class NaiveForecaster implements Forecaster {
    static final String NAIVE = "naive";
    static final String SEASONAL = "snaive";
    /** State tags: the name and "/2" since the compact intervals; the bare name (before) still loads. */
    private static final String FORMAT = "/2";

    private final String name;
    private final int season;
    private final int horizon;
    private final ValueGuard guard;
    private final Support support;
    private final LagWindow window;
    private final ConformalIntervals intervals;
    private final double[] means;

    /** Season 1 is the naive forecaster. */
    NaiveForecaster(int season, int horizon, IntervalConfig intervals) {
        this(season, horizon, new ValueGuard(), new Support(), new LagWindow(season),
                new ConformalIntervals(horizon, intervals));
        Arrays.fill(means, Double.NaN);
    }

    private NaiveForecaster(int season, int horizon, ValueGuard guard, Support support, LagWindow window,
            ConformalIntervals intervals) {
        if (season < 1) {
            throw new IllegalArgumentException("season of a naive forecaster must be at least 1, got " + season);
        }
        this.name = season == 1 ? NAIVE : SEASONAL;
        this.season = season;
        this.horizon = horizon;
        this.guard = guard;
        this.support = support;
        this.window = window;
        this.intervals = intervals;
        this.means = new double[horizon];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void learn(double value) {
        if (!guard.admit(value)) {
            return;
        }
        support.observe(value);
        intervals.observe(value);
        window.push(value);
        fill(means);
        intervals.record(means);
    }

    private void fill(double[] out) {
        int n = window.size();
        for (int h = 1; h <= out.length; h++) {
            out[h - 1] = n == 0 ? Double.NaN : window.lag(n == season ? season - ((h - 1) % season) : 1);
        }
    }

    @Override
    public Forecast forecast(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("forecast horizon must be at least 1, got " + steps);
        }
        double[] m = steps <= horizon ? Arrays.copyOf(means, steps) : new double[steps];
        if (steps > horizon) {
            fill(m);
        }
        double[] lo = new double[steps];
        double[] hi = new double[steps];
        intervals.bounds(m, lo, hi);
        support.clamp(lo);
        return new Forecast(name, m, lo, hi);
    }

    @Override
    public byte[] snapshot() {
        return Snapshots.write(this::writeTo);
    }

    private void writeTo(DataOutput out) throws IOException {
        out.writeUTF(name + FORMAT);
        out.writeInt(season);
        out.writeInt(horizon);
        guard.writeTo(out);
        support.writeTo(out);
        window.writeTo(out);
        intervals.writeTo(out);
        for (double v : means) {
            out.writeDouble(v);
        }
    }

    static NaiveForecaster restore(int season, int horizon, IntervalConfig config, byte[] state) {
        String name = season == 1 ? NAIVE : SEASONAL;
        return Snapshots.read(state, name, in -> readFrom(season, horizon, config, in));
    }

    private static NaiveForecaster readFrom(int season, int horizon, IntervalConfig config, DataInput in)
            throws IOException {
        String name = season == 1 ? NAIVE : SEASONAL;
        boolean legacy = Snapshots.expectTag(in, name + FORMAT, name).equals(name);
        int s = in.readInt();
        int h = in.readInt();
        if (s != season || h != horizon) {
            throw new IOException("state is for season " + s + ", horizon " + h + " but the configuration has season "
                    + season + ", horizon " + horizon);
        }
        ValueGuard guard = ValueGuard.readFrom(in);
        Support support = Support.readFrom(in);
        LagWindow window = LagWindow.readFrom(in);
        ConformalIntervals ci = legacy ? ConformalIntervals.readLegacy(in, config) : ConformalIntervals.readFrom(in, config);
        if (window.capacity() != season || ci.horizon() != horizon) {
            throw new IOException("window of " + window.capacity() + " or interval horizon " + ci.horizon()
                    + " does not match season " + season + ", horizon " + horizon);
        }
        NaiveForecaster f = new NaiveForecaster(season, horizon, guard, support, window, ci);
        for (int i = 0; i < horizon; i++) {
            f.means[i] = in.readDouble();
        }
        return f;
    }
}
