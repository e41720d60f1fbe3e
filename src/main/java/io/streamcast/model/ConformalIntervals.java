package io.streamcast.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Online prediction intervals for one series, per horizon step, usable behind any model: it keeps
 * the forecasts the model made, settles each against the observation it was made for, and turns a
 * vector of means into lower/upper bounds.
 *
 * <p>Method: split-conformal — the half-width of step h is a quantile of the last {@code window}
 * absolute h-step errors — with adaptive conformal inference (Gibbs and Candès, 2021) steering the
 * quantile level per step, α ← α + γ(α* − miss), so that empirical coverage tracks the target even
 * when the errors drift. A step with fewer than {@code minErrors} settled errors borrows the width of
 * the nearest shorter step that has enough, scaled by √(h/h'); with none, its bounds are NaN.
 *
 * <p>Use, once per observation: {@link #observe(double)} with the value, then {@link #record} with
 * the means forecast from the new origin, then {@link #bounds} whenever bounds are wanted. Bounds are
 * in whatever space the means are in (a model may map them through a monotone transform afterwards:
 * coverage is preserved).
 */
final class ConformalIntervals {
    private final int horizon;
    private final IntervalConfig config;
    private final RollingQuantile[] errors;
    private final double[] alpha;
    private final double[] halfWidth;
    /**
     * Forecasts of the last H origins, [origin slot][step − 1], with the half-widths issued then. A mean
     * is kept as a float offset from its origin's first finite mean (a double): the state written per
     * series per event shrinks by a third, and the offset's rounding (≈ 6e-8 of a step's change) is
     * far below any error worth an interval.
     */
    private final double[] pendingAnchor;
    private final float[][] pendingOffset;
    private final float[][] pendingHalf;
    private int cursor;
    private long origins;
    private final long[] settled;
    private final long[] covered;

    ConformalIntervals(int horizon, IntervalConfig config) {
        if (horizon < 1) {
            throw new IllegalArgumentException("interval horizon must be at least 1, got " + horizon);
        }
        this.horizon = horizon;
        this.config = config;
        errors = new RollingQuantile[horizon];
        for (int h = 0; h < horizon; h++) {
            errors[h] = new RollingQuantile(config.window());
        }
        alpha = new double[horizon];
        java.util.Arrays.fill(alpha, 1.0 - config.coverage());
        halfWidth = new double[horizon];
        java.util.Arrays.fill(halfWidth, Double.NaN);
        pendingAnchor = new double[horizon];
        pendingOffset = new float[horizon][horizon];
        pendingHalf = new float[horizon][horizon];
        settled = new long[horizon];
        covered = new long[horizon];
    }

    int horizon() {
        return horizon;
    }

    /** Settles the forecasts made 1..H observations ago for this value, then updates the widths. */
    void observe(double actual) {
        if (!Double.isFinite(actual)) {
            return;
        }
        double target = 1.0 - config.coverage();
        for (int h = 1; h <= horizon && h <= origins; h++) {
            int slot = Math.floorMod(cursor - h, horizon);
            double mean = pendingAnchor[slot] + pendingOffset[slot][h - 1];
            if (!Double.isFinite(mean)) {
                continue;
            }
            double err = Math.abs(actual - mean);
            float issued = pendingHalf[slot][h - 1];
            if (!Float.isNaN(issued)) {
                boolean miss = err > issued;
                settled[h - 1]++;
                if (!miss) {
                    covered[h - 1]++;
                }
                double a = alpha[h - 1] + config.gamma() * (target - (miss ? 1.0 : 0.0));
                alpha[h - 1] = Math.min(0.9, Math.max(1e-4, a));
            }
            errors[h - 1].add(err);
        }
        refreshWidths();
    }

    private void refreshWidths() {
        int donor = -1;
        for (int h = 1; h <= horizon; h++) {
            RollingQuantile e = errors[h - 1];
            if (e.size() >= config.minErrors()) {
                halfWidth[h - 1] = e.quantile(1.0 - alpha[h - 1]);
                donor = h;
            } else if (donor > 0) {
                halfWidth[h - 1] = halfWidth[donor - 1] * Math.sqrt((double) h / donor);
            } else {
                halfWidth[h - 1] = Double.NaN;
            }
        }
    }

    /** Remembers the means (steps 1..H; shorter vectors are NaN-padded) forecast from the new origin. */
    void record(double[] means) {
        double anchor = Double.NaN;
        for (int h = 0; h < horizon && h < means.length; h++) {
            if (Double.isFinite(means[h])) {
                anchor = means[h];
                break;
            }
        }
        pendingAnchor[cursor] = anchor;
        float[] slotOffset = pendingOffset[cursor];
        float[] slotHalf = pendingHalf[cursor];
        for (int h = 0; h < horizon; h++) {
            slotOffset[h] = h < means.length ? (float) (means[h] - anchor) : Float.NaN;
            slotHalf[h] = (float) halfWidth[h];
        }
        cursor = cursor + 1 == horizon ? 0 : cursor + 1;
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

    /** Empirical coverage of the intervals issued for step h so far; NaN before any was settled. */
    double empiricalCoverage(int step) {
        long n = settled[step - 1];
        return n == 0 ? Double.NaN : (double) covered[step - 1] / n;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(horizon);
        out.writeInt(cursor);
        out.writeLong(origins);
        for (int h = 0; h < horizon; h++) {
            out.writeDouble(alpha[h]);
            out.writeLong(settled[h]);
            out.writeLong(covered[h]);
            errors[h].writeTo(out);
        }
        long kept = Math.min(origins, horizon);
        for (int k = 0; k < kept; k++) {
            int slot = Math.floorMod(cursor - 1 - k, horizon);
            out.writeDouble(pendingAnchor[slot]);
            for (int h = 0; h < horizon; h++) {
                out.writeFloat(pendingOffset[slot][h]);
                out.writeFloat(pendingHalf[slot][h]);
            }
        }
    }

    static ConformalIntervals readFrom(DataInput in, IntervalConfig config) throws IOException {
        int horizon = in.readInt();
        if (horizon < 1 || horizon > 10_000) {
            throw new IOException("corrupt interval state: horizon " + horizon);
        }
        ConformalIntervals c = new ConformalIntervals(horizon, config);
        c.cursor = in.readInt();
        c.origins = in.readLong();
        if (c.cursor < 0 || c.cursor >= horizon || c.origins < 0) {
            throw new IOException("corrupt interval state: cursor " + c.cursor + ", origins " + c.origins);
        }
        for (int h = 0; h < horizon; h++) {
            c.alpha[h] = in.readDouble();
            c.settled[h] = in.readLong();
            c.covered[h] = in.readLong();
            c.errors[h].readFrom(in);
        }
        long kept = Math.min(c.origins, horizon);
        for (int k = 0; k < kept; k++) {
            int slot = Math.floorMod(c.cursor - 1 - k, horizon);
            c.pendingAnchor[slot] = in.readDouble();
            for (int h = 0; h < horizon; h++) {
                c.pendingOffset[slot][h] = in.readFloat();
                c.pendingHalf[slot][h] = in.readFloat();
            }
        }
        c.refreshWidths();
        return c;
    }
}
