package io.streamcast.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Online prediction intervals for one series, per horizon step, usable behind any model: it keeps
 * the forecasts the model made, settles each against the observation it was made for, and turns a
 * vector of means into lower/upper bounds.
 *
 * <p>Method: the half-width of a step is q = c·m, m the mean absolute error of that step (a plain
 * mean over the first {@code window} errors, then exponentially weighted with that memory; errors
 * beyond 4 widths are clipped so one spike cannot blow it up) and c a factor that starts at the
 * Gaussian value for the target coverage and is steered by conformal quantile tracking
 * (Angelopoulos, Candès and Tibshirani 2023, "Conformal PID control", in the multiplicative form):
 * c ← c·exp(γ·(miss − α)) after every settled error, miss = [error &gt; the half-width issued with
 * that forecast], α = 1 − coverage. Summed over time the exponents telescope, so the long-run miss rate
 * of the published intervals is α whatever the errors do, as long as c stays bounded — the guarantee
 * of adaptive conformal inference (Gibbs and Candès 2021), with two numbers per step instead of a window
 * of errors. A step gets a width once it has {@code minErrors} errors.
 *
 * <p>Only a ladder of steps is tracked — 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, … and H itself — and a
 * step h ≥ 32 settles the forecasts of every (h/16)-th origin only, so the forecasts pending
 * settlement are few (76 at H = 24 instead of 576, 193 at H = 168, growing as log H), each kept with
 * the half-width issued with it; a step between two tracked ones gets a width interpolated linearly
 * in √h, which is exact when errors grow as √h. A tracked step still warming up borrows the width of the nearest shorter ready one, scaled by √(h/h').
 *
 * <p>State is kept in floats where the precision does not matter (factors, scales, issued widths, and
 * pending means as offsets from the newest forecast's first mean, rebased at each record: the relative
 * rounding, ≈ 6e-8 of a forecast's distance from that reference, is far below any error worth an
 * interval), so what is stored is exactly what is used and a restore continues bit-exactly.
 *
 * <p>Use, once per observation: {@link #observe(double)} with the value, then {@link #record} with
 * the means forecast from the new origin, then {@link #bounds} whenever bounds are wanted. Bounds are
 * in whatever space the means are in (a model may map them through a monotone transform afterwards:
 * coverage is preserved).
 */
final class ConformalIntervals {
    /** Forecasts pending settlement per tracked step, about (steps below 32 keep all of theirs). */
    static final int PENDING_PER_STEP = 16;
    /** Errors beyond this many widths are clipped before they update the mean error m. */
    private static final double SCALE_CLIP = 4.0;
    /** The factor c stays within this ratio of its Gaussian start, so it can always come back. */
    private static final double FACTOR_RANGE = 32.0;

    private final int horizon;
    private final IntervalConfig config;
    private final double alpha;
    private final double gaussianFactor;
    private final double minFactor;
    private final double maxFactor;
    /** Tracked steps, ascending, the last being H. */
    private final int[] steps;
    /** Errors settled per tracked step, saturating at its memory. */
    private final int[] seen;
    /** Mean absolute error m per tracked step. */
    private final float[] scale;
    /** Width factor c per tracked step: half-width = c·m. */
    private final float[] factor;
    /**
     * Per tracked step h, the origins whose step-h forecast is settled: every {@code stride}-th, so that
     * about {@value #PENDING_PER_STEP} are pending (errors of nearby origins at a long step share most
     * of their shocks: skipping some loses little, and the rates below make up for the count).
     */
    private final int[] stride;
    /** The rate of c per tracked step, and the memory of m in settled errors (shorter by the stride, so alike in time). */
    private final double[] gamma;
    private final int[] memory;
    /** Per tracked step, a ring of pending means (offsets from {@link #reference}); origin o at (o / stride) mod length. */
    private final float[][] pending;
    /**
     * The half-width issued with each pending mean: a miss is judged against the interval that was
     * published, so the guarantee is about those — judging against today's width instead under-covers
     * long steps whenever errors are persistent (a random walk's 24-step intervals covered 85 %).
     */
    private final float[][] issued;
    private double reference = Double.NaN;
    private long origins;
    /** Half-width of every step 1..H, derived from the tracked ones. */
    private final double[] halfWidth;
    /** For a step between tracked ones: its position between them in √h, 0..1 (computed once). */
    private final double[] between;

    ConformalIntervals(int horizon, IntervalConfig config) {
        if (horizon < 1) {
            throw new IllegalArgumentException("interval horizon must be at least 1, got " + horizon);
        }
        this.horizon = horizon;
        this.config = config;
        this.alpha = 1.0 - config.coverage();
        // |e| of a Gaussian error: mean σ·√(2/π), (1 − α) quantile σ·z(1 − α/2)
        this.gaussianFactor = Math.sqrt(Math.PI / 2) * Gaussian.quantile(1.0 - alpha / 2);
        this.minFactor = gaussianFactor / FACTOR_RANGE;
        this.maxFactor = gaussianFactor * FACTOR_RANGE;
        this.steps = trackedSteps(horizon);
        this.seen = new int[steps.length];
        this.scale = new float[steps.length];
        this.factor = new float[steps.length];
        Arrays.fill(factor, (float) gaussianFactor);
        this.stride = new int[steps.length];
        this.gamma = new double[steps.length];
        this.memory = new int[steps.length];
        this.pending = new float[steps.length][];
        this.issued = new float[steps.length][];
        for (int k = 0; k < steps.length; k++) {
            stride[k] = Math.max(1, steps[k] / PENDING_PER_STEP);
            gamma[k] = config.gamma();
            memory[k] = Math.max(config.minErrors(), config.window() / stride[k]);
            pending[k] = new float[(steps[k] + stride[k] - 1) / stride[k]];
            Arrays.fill(pending[k], Float.NaN);
            issued[k] = new float[pending[k].length];
            Arrays.fill(issued[k], Float.NaN);
        }
        this.halfWidth = new double[horizon];
        Arrays.fill(halfWidth, Double.NaN);
        this.between = new double[horizon];
        for (int k = 1; k < steps.length; k++) {
            double ra = Math.sqrt(steps[k - 1]);
            double span = Math.sqrt(steps[k]) - ra;
            for (int h = steps[k - 1] + 1; h < steps[k]; h++) {
                between[h - 1] = (Math.sqrt(h) - ra) / span;
            }
        }
    }

    /** 1, 2, 3, 4, 6, 8, 12, 16, … (each ×1.5 then ×4/3) below H, then H. */
    static int[] trackedSteps(int horizon) {
        int[] out = new int[64];
        int n = 0;
        for (int h = 1, k = 0; h < horizon; k++) {
            out[n++] = h;
            h = h < 4 ? h + 1 : (k % 2 == 1 ? h * 3 / 2 : h * 4 / 3);
        }
        out[n++] = horizon;
        return Arrays.copyOf(out, n);
    }

    int horizon() {
        return horizon;
    }

    /** Settles the forecasts made for this value at the tracked steps, then updates the widths. */
    void observe(double actual) {
        if (!Double.isFinite(actual)) {
            return;
        }
        for (int k = 0; k < steps.length && steps[k] <= origins; k++) {
            long origin = origins - steps[k];
            if (origin % stride[k] != 0) {
                continue;
            }
            int at = slot(k, origin);
            float offset = pending[k][at];
            if (Float.isNaN(offset)) {
                continue;
            }
            double err = Math.abs(actual - (reference + offset));
            if (Double.isFinite(err)) {
                learn(k, err, issued[k][at]);
            }
        }
        refreshWidths();
    }

    private int slot(int k, long origin) {
        return (int) ((origin / stride[k]) % pending[k].length);
    }

    /** One settled error of tracked step k, whose interval was issued with half-width {@code issuedWidth}. */
    private void learn(int k, double err, float issuedWidth) {
        boolean ready = seen[k] >= config.minErrors();
        double m = scale[k];
        double c = factor[k];
        int n = Math.min(seen[k] + 1, memory[k]);
        double cap = SCALE_CLIP * Math.max(c, gaussianFactor) * m;
        float nextScale = (float) (m + ((ready && cap > 0 ? Math.min(err, cap) : err) - m) / n);
        if (!Float.isFinite(nextScale)) {
            return; // an error beyond float range (values near 1e38) teaches nothing rather than poison m
        }
        if (ready && !Float.isNaN(issuedWidth)) {
            double miss = err > issuedWidth ? 1.0 : 0.0;
            factor[k] = (float) Math.max(minFactor, Math.min(maxFactor, c * Math.exp(gamma[k] * (miss - alpha))));
        }
        seen[k] = n;
        scale[k] = nextScale;
    }

    private void refreshWidths() {
        int donor = -1;
        for (int k = 0; k < steps.length; k++) {
            int h = steps[k];
            if (seen[k] >= config.minErrors()) {
                halfWidth[h - 1] = (double) factor[k] * scale[k];
                donor = h;
            } else if (donor > 0) {
                halfWidth[h - 1] = halfWidth[donor - 1] * Math.sqrt((double) h / donor);
            } else {
                halfWidth[h - 1] = Double.NaN;
            }
            if (k > 0) {
                interpolate(steps[k - 1], h);
            }
        }
    }

    /** Fills the steps strictly between two tracked ones, linearly in √h. */
    private void interpolate(int from, int to) {
        double a = halfWidth[from - 1];
        double b = halfWidth[to - 1];
        for (int h = from + 1; h < to; h++) {
            halfWidth[h - 1] = a + (b - a) * between[h - 1];
        }
    }

    /** Remembers the means (steps 1..H; shorter vectors are NaN-padded) forecast from the new origin. */
    void record(double[] means) {
        double next = reference;
        for (int h = 0; h < horizon && h < means.length; h++) {
            if (Double.isFinite(means[h])) {
                next = means[h];
                break;
            }
        }
        if (next != reference && Double.isFinite(reference)) {
            double shift = reference - next;
            for (float[] ring : pending) {
                for (int i = 0; i < ring.length; i++) {
                    ring[i] = (float) (ring[i] + shift); // NaN stays NaN
                }
            }
        }
        reference = next;
        for (int k = 0; k < steps.length; k++) {
            int h = steps[k];
            if (origins % stride[k] == 0) {
                int at = slot(k, origins);
                pending[k][at] = h <= means.length ? (float) (means[h - 1] - reference) : Float.NaN;
                issued[k][at] = (float) halfWidth[h - 1];
            }
        }
        origins++;
    }

    /** Half-width at step h (1-based); beyond H the last step's width grows as √(h/H). NaN if unknown. */
    double halfWidth(int step) {
        if (step <= horizon) {
            return halfWidth[step - 1];
        }
        return halfWidth[horizon - 1] * Math.sqrt((double) step / horizon);
    }

    /** Fills lo and hi (same length as means) with means ∓ the current half-widths. */
    void bounds(double[] means, double[] lo, double[] hi) {
        for (int h = 1; h <= means.length; h++) {
            double w = halfWidth(h);
            lo[h - 1] = means[h - 1] - w;
            hi[h - 1] = means[h - 1] + w;
        }
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeShort(horizon);
        out.writeLong(origins);
        out.writeDouble(reference);
        for (int k = 0; k < steps.length; k++) {
            out.writeInt(seen[k]);
            out.writeFloat(scale[k]);
            out.writeFloat(factor[k]);
            for (int i = 0; i < pending[k].length; i++) {
                out.writeFloat(pending[k][i]);
                out.writeFloat(issued[k][i]);
            }
        }
    }

    static ConformalIntervals readFrom(DataInput in, IntervalConfig config) throws IOException {
        int horizon = in.readUnsignedShort();
        if (horizon < 1) {
            throw new IOException("corrupt interval state: horizon " + horizon);
        }
        ConformalIntervals c = new ConformalIntervals(horizon, config);
        c.origins = in.readLong();
        c.reference = in.readDouble();
        if (c.origins < 0) {
            throw new IOException("corrupt interval state: " + c.origins + " origins");
        }
        for (int k = 0; k < c.steps.length; k++) {
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("corrupt interval state: " + n + " errors settled at step " + c.steps[k]);
            }
            c.seen[k] = Math.min(n, c.memory[k]);
            c.scale[k] = in.readFloat();
            c.factor[k] = in.readFloat();
            for (int i = 0; i < c.pending[k].length; i++) {
                c.pending[k][i] = in.readFloat();
                c.issued[k][i] = in.readFloat();
            }
        }
        c.refreshWidths();
        return c;
    }

    /**
     * Reads the state of the earlier format (a window of settled errors and an ACI level per step, all
     * H × H pending forecasts) and converts it: each tracked step takes the mean of its errors as m and
     * the window's conformal quantile over that mean as c, and keeps its pending forecasts, so a service
     * upgraded on stored state goes on with the widths it had.
     */
    static ConformalIntervals readLegacy(DataInput in, IntervalConfig config) throws IOException {
        int horizon = in.readInt();
        if (horizon < 1 || horizon > 10_000) {
            throw new IOException("corrupt interval state: horizon " + horizon);
        }
        ConformalIntervals c = new ConformalIntervals(horizon, config);
        int cursor = in.readInt();
        c.origins = in.readLong();
        if (cursor < 0 || cursor >= horizon || c.origins < 0) {
            throw new IOException("corrupt interval state: cursor " + cursor + ", origins " + c.origins);
        }
        int tracked = 0;
        for (int h = 1; h <= horizon; h++) {
            double level = in.readDouble();
            in.readLong(); // settled
            in.readLong(); // covered
            int n = in.readInt();
            if (n < 0 || n > 100_000) {
                throw new IOException("corrupt error buffer: " + n + " values");
            }
            float[] errors = new float[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                errors[i] = in.readFloat();
                sum += errors[i];
            }
            if (h != c.steps[tracked]) {
                continue;
            }
            c.seen[tracked] = Math.min(n, c.memory[tracked]);
            double mean = n == 0 ? 0 : sum / n;
            c.scale[tracked] = (float) mean;
            if (n > 0 && mean > 0) {
                Arrays.sort(errors);
                int rank = (int) Math.ceil((n + 1) * (1.0 - level));
                double q = errors[Math.min(Math.max(rank, 1), n) - 1];
                c.factor[tracked] = (float) Math.max(c.minFactor, Math.min(c.maxFactor, q / mean));
            }
            tracked++;
        }
        long kept = Math.min(c.origins, horizon);
        for (int k = 0; k < kept; k++) { // newest origin first
            double anchor = in.readDouble();
            if (k == 0) {
                c.reference = anchor;
            }
            long origin = c.origins - 1 - k;
            for (int h = 1; h <= horizon; h++) {
                double mean = anchor + in.readFloat();
                float half = in.readFloat();
                int at = Arrays.binarySearch(c.steps, h);
                if (at >= 0 && k < h && origin % c.stride[at] == 0) {
                    c.pending[at][c.slot(at, origin)] = (float) (mean - c.reference);
                    c.issued[at][c.slot(at, origin)] = half;
                }
            }
        }
        c.refreshWidths();
        return c;
    }
}
