package io.streamcast.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One way an AR regresses a series on its past: on its values ({@code diff} 0: the forecast reverts
 * to a level the intercept learns), or on its differences at a seasonal lag ({@code diff} = P: the
 * forecast is last season's value plus a correction that fades — what a seasonal series needs over a
 * long horizon). Each has its own {@link LagSelection} over the same offered lags. Values are
 * indices into a path of transformed values, oldest first; the regressors and target are scaled by
 * the forecaster's frozen affine map (the differences without the centre).
 */
final class ArFamily {
    final int diff;
    final LagSelection fit;
    private final double[] x;
    private final double huberK;
    private double residualMae;
    private long residuals;
    private long sinceSelect;

    ArFamily(int diff, ArConfig cfg, int[] periods) {
        this.diff = diff;
        this.fit = new LagSelection(cfg.orders(), periods, cfg.seasonalLags(), cfg.criterion(), cfg.forgetting(),
                1.0 / cfg.delta());
        this.x = new double[fit.dim()];
        this.huberK = cfg.huberK();
    }

    /** Values of the path the regression of one value reaches back. */
    int span() {
        int[] lags = fit.lags();
        return lags[lags.length - 1] + diff;
    }

    private double target(double[] z, int i, double center, double scale) {
        return diff == 0 ? (z[i] - center) / scale : (z[i] - z[i - diff]) / scale;
    }

    private void fill(double[] z, int i, double center, double scale) {
        int[] lags = fit.lags();
        for (int k = 0; k < lags.length; k++) {
            int j = i - lags[k];
            x[k] = diff == 0 ? (z[j] - center) / scale : (z[j] - z[j - diff]) / scale;
        }
        x[lags.length] = 1.0;
    }

    /** The forecast of path value i from the values before it. */
    private double predict(double[] z, int i, double center, double scale) {
        fill(z, i, center, scale);
        double[] theta = fit.theta();
        double u = 0;
        for (int c = 0; c < x.length; c++) {
            u += theta[c] * x[c];
        }
        return diff == 0 ? u * scale + center : u * scale + z[i - diff];
    }

    /**
     * Learns path value i (the values before it are its past), Huber-weighted by its residual against
     * the current coefficients; chooses the lags again every {@code selectEvery} rows.
     */
    void learn(double[] z, int i, double center, double scale, int selectEvery) {
        double y = target(z, i, center, scale);
        fill(z, i, center, scale);
        double[] theta = fit.theta();
        double r = y;
        for (int c = 0; c < x.length; c++) {
            r -= theta[c] * x[c];
        }
        if (!Double.isFinite(r)) {
            return;
        }
        double abs = Math.abs(r);
        double w = 1.0;
        if (residuals >= OutlierCleaner.WARMUP && huberK > 0) {
            double limit = huberK * 1.2533 * residualMae;
            w = abs > limit && limit > 0 ? limit / abs : 1.0;
        }
        residuals++;
        residualMae += (abs - residualMae) / Math.min(residuals, 100);
        fit.add(x, y, w);
        if (++sinceSelect >= selectEvery) {
            sinceSelect = 0;
            fit.select();
        } else {
            fit.refresh();
        }
    }

    /** Fits afresh on a history (path values, oldest first), then chooses the lags. */
    void refit(double[] z, double center, double scale) {
        for (int i = span(); i < z.length; i++) {
            fit.add(xFor(z, i, center, scale), target(z, i, center, scale), 1.0);
        }
        sinceSelect = 0;
        fit.select();
    }

    private double[] xFor(double[] z, int i, double center, double scale) {
        fill(z, i, center, scale);
        return x;
    }

    /**
     * Means of the next out.length values by recursion: scratch holds the path up to index start − 1
     * and receives the forecasts after it; each is kept within [lo, hi].
     */
    void means(double[] scratch, int start, double center, double scale, double lo, double hi, double[] out) {
        for (int h = 1; h <= out.length; h++) {
            int i = start + h - 1;
            double v = predict(scratch, i, center, scale);
            if (!Double.isFinite(v)) {
                v = scratch[i - 1];
            }
            v = Math.max(lo, Math.min(hi, v));
            scratch[i] = v;
            out[h - 1] = v;
        }
    }

    /** Forgets most of what was fitted (a level shift). */
    void decay(double factor) {
        fit.decay(factor);
    }

    void writeTo(DataOutput out) throws IOException {
        fit.writeTo(out);
        out.writeDouble(residualMae);
        out.writeLong(residuals);
        out.writeLong(sinceSelect);
    }

    void readFrom(DataInput in) throws IOException {
        fit.readFrom(in);
        residualMae = in.readDouble();
        residuals = in.readLong();
        sinceSelect = in.readLong();
    }
}
