package io.streamcast.model;

import io.streamcast.series.SeasonDetector;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * One series' exponential-smoothing state, the per-series half of the M4 winner's recipe: it puts a
 * series of any magnitude, trend and calendar into the units a network shared by all series can
 * learn from, and back.
 *
 * <ul>
 * <li><b>Space</b>: logs while the series has only been positive (multiplicative seasons and growth
 * become additive), its own units from the first value that is not.</li>
 * <li><b>Seasons</b>: the periods configured, or found by a {@link SeasonDetector} and revisited as
 * the series grows; for each, additive indices in that space — initialised by a classical
 * decomposition of the recent history whenever the periods change, then smoothed by
 * Holt-Winters' rule (γ {@value #GAMMA}, against a level smoothed with α {@value #ALPHA}).</li>
 * <li><b>Scale</b>: the mean absolute one-step change of the deseasonalised series (its MASE scale;
 * a running mean over the first {@value #SCALE_MEMORY} values, then exponentially weighted).</li>
 * </ul>
 * A value in the series' units is {@code fromWork(deseasonalised + seasonal(t))}; models work on
 * {@code (deseasonalised(x, t) − reference) / scale()}.
 */
final class SeriesNormaliser {
    static final double GAMMA = 0.1;
    static final double ALPHA = 0.1;
    static final int SCALE_MEMORY = 1000;
    private static final double MIN_SCALE = 1e-9;

    private final Seasons seasons;
    private final SeasonDetector detector;
    private long count;
    private boolean log;
    private int[] periods;
    private float[][] indices; // floats: stored as they live, so a restore continues bit for bit
    private double[] sums;
    private double level;
    private double scale;
    private double lastDeseasonalised;

    /** @param history values the detector keeps when seasons are detected (periods up to history/3) */
    SeriesNormaliser(Seasons seasons, int history) {
        this.seasons = seasons;
        this.detector = seasons.detect() ? new SeasonDetector(history, 2) : null;
        setPeriods(seasons.detect() ? new int[0] : seasons.periods());
    }

    private void setPeriods(int[] p) {
        periods = p;
        indices = new float[p.length][];
        sums = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            indices[i] = new float[p[i]];
        }
    }

    long count() {
        return count;
    }

    boolean logSpace() {
        return log;
    }

    int[] periods() {
        return periods.clone();
    }

    /** Learns a finite value, the series' {@link #count()}-th (0-based). */
    void observe(double x) {
        long t = count;
        if (t == 0) {
            log = x > 0;
        }
        boolean leaveLogs = t > 0 && log && !(x > 0);
        if (leaveLogs) {
            log = false; // for good: a series that can reach 0 is not multiplicative
        }
        boolean changed = detector != null && detector.observe(x);
        if (changed) {
            setPeriods(detector.periods());
        }
        if ((changed || leaveLogs) && detector != null) {
            initialise(t); // from the history up to and including x
            count++;
            return;
        }
        double z = toWork(x);
        if (t == 0 || leaveLogs) {
            for (int i = 0; i < periods.length; i++) {
                Arrays.fill(indices[i], 0f);
                sums[i] = 0;
            }
            level = z;
            lastDeseasonalised = z;
            scale = 0;
        }
        smooth(z, t);
        double d = z - seasonal(t);
        if (t > 0) {
            double change = Math.abs(d - lastDeseasonalised);
            double w = 1.0 / Math.min(t, SCALE_MEMORY);
            scale += w * (change - scale);
        }
        lastDeseasonalised = d;
        count++;
    }

    /** Holt-Winters: each period's index at this phase moves towards what the other parts leave. */
    private void smooth(double z, long t) {
        double total = seasonal(t);
        for (int i = 0; i < periods.length; i++) {
            int phase = (int) (t % periods[i]);
            double own = index(i, phase);
            double target = z - level - (total - own);
            float before = indices[i][phase];
            indices[i][phase] = (float) (before + GAMMA * (target - own));
            sums[i] += (double) indices[i][phase] - before;
        }
        level += ALPHA * (z - seasonal(t) - level);
    }

    /** The index of period i at a phase, kept at mean zero over the period. */
    private double index(int i, int phase) {
        return indices[i][phase] - sums[i] / periods[i];
    }

    /** Sum of the seasonal indices at the series' t-th value (0-based; t may lie in the future). */
    double seasonal(long t) {
        double s = 0;
        for (int i = 0; i < periods.length; i++) {
            s += index(i, (int) (t % periods[i]));
        }
        return s;
    }

    double toWork(double x) {
        return log ? Math.log(Math.max(x, Double.MIN_NORMAL)) : x;
    }

    double fromWork(double z) {
        return log ? Math.exp(z) : z;
    }

    /** The value in work space without its seasonal part, as the t-th value of the series. */
    double deseasonalised(double x, long t) {
        return toWork(x) - seasonal(t);
    }

    /** A value in the series' units from a deseasonalised work-space value at index t. */
    double restore(double deseasonalised, long t) {
        double x = fromWork(deseasonalised + seasonal(t));
        return Double.isFinite(x) ? x : fromWork(lastDeseasonalised + seasonal(t));
    }

    /** The mean absolute one-step change of the deseasonalised series; never 0. */
    double scale() {
        double floor = MIN_SCALE * Math.max(1.0, Math.abs(lastDeseasonalised));
        return scale > floor ? scale : floor;
    }

    /**
     * Classical additive decomposition of the detector's history (work space) for the current
     * periods: each period's mean deviation per phase from a centred moving average of its length,
     * the second from what the first leaves; level and scale restart from the deseasonalised history.
     */
    private void initialise(long t) {
        double[] h = detector.history();
        int n = h.length;
        long first = t + 1 - n; // index of h[0]
        for (int j = 0; j < n; j++) {
            h[j] = toWork(h[j]);
        }
        double[] rest = h.clone();
        for (int i = 0; i < periods.length; i++) {
            int p = periods[i];
            double[] trend = centredMean(rest, p);
            double[] sum = new double[p];
            int[] k = new int[p];
            for (int j = 0; j < n; j++) {
                if (!Double.isNaN(trend[j])) {
                    int phase = (int) Math.floorMod(first + j, (long) p);
                    sum[phase] += rest[j] - trend[j];
                    k[phase]++;
                }
            }
            double mean = 0;
            for (int q = 0; q < p; q++) {
                mean += (k[q] == 0 ? 0 : sum[q] / k[q]) / p;
            }
            for (int q = 0; q < p; q++) {
                indices[i][q] = (float) ((k[q] == 0 ? 0 : sum[q] / k[q]) - mean);
            }
            sums[i] = 0;
            for (float v : indices[i]) {
                sums[i] += v;
            }
            for (int j = 0; j < n; j++) {
                rest[j] -= indices[i][(int) Math.floorMod(first + j, (long) p)];
            }
        }
        // rest is now the deseasonalised history: restart level and scale from it
        level = rest[n - 1];
        lastDeseasonalised = rest[n - 1];
        double change = 0;
        for (int j = 1; j < n; j++) {
            change += Math.abs(rest[j] - rest[j - 1]);
        }
        scale = n > 1 ? change / (n - 1) : 0;
    }

    /** Centred moving average of length p (2×p for even p, as classical decomposition); NaN near the ends. */
    private static double[] centredMean(double[] x, int p) {
        int n = x.length;
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        int half = p / 2;
        for (int j = half; j + half < n; j++) {
            double s = 0;
            if (p % 2 == 1) {
                for (int q = j - half; q <= j + half; q++) {
                    s += x[q];
                }
                out[j] = s / p;
            } else {
                s = 0.5 * (x[j - half] + x[j + half]);
                for (int q = j - half + 1; q < j + half; q++) {
                    s += x[q];
                }
                out[j] = s / p;
            }
        }
        return out;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeBoolean(log);
        out.writeDouble(level);
        out.writeDouble(scale);
        out.writeDouble(lastDeseasonalised);
        if (detector != null) {
            detector.writeTo(out);
        }
        out.writeByte(periods.length);
        for (int i = 0; i < periods.length; i++) {
            out.writeInt(periods[i]);
            out.writeDouble(sums[i]);
            for (float v : indices[i]) {
                out.writeFloat(v);
            }
        }
    }

    void readFrom(DataInput in) throws IOException {
        count = in.readLong();
        log = in.readBoolean();
        level = in.readDouble();
        scale = in.readDouble();
        lastDeseasonalised = in.readDouble();
        if (detector != null) {
            detector.readFrom(in);
        }
        int k = in.readByte();
        if (k < 0 || k > Seasons.MAX_PERIODS) {
            throw new IOException(k + " seasonal periods");
        }
        int[] p = new int[k];
        double[] s = new double[k];
        float[][] idx = new float[k][];
        for (int i = 0; i < k; i++) {
            p[i] = in.readInt();
            if (p[i] < 2 || p[i] > Seasons.MAX_PERIOD) {
                throw new IOException("seasonal period " + p[i]);
            }
            s[i] = in.readDouble();
            idx[i] = new float[p[i]];
            for (int q = 0; q < p[i]; q++) {
                idx[i][q] = in.readFloat();
            }
        }
        periods = p;
        sums = s;
        indices = idx;
    }
}
