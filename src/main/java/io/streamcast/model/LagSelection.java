package io.streamcast.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Online least squares over a superset of lags that lets each series choose its own: the weighted
 * sums of squares and cross-products (Gram matrix, with forgetting) of all lags offered, from which
 * the least-squares fit and residual sum of squares of any subset follow exactly. Every
 * {@code select-every} rows the subset with the best information criterion wins among the
 * candidates: orders 1..p (1, 2, 3, 4, 6, 8, …) each alone, with the first season's lags, and with
 * both seasons' lags. The coefficients of the chosen subset are solved afresh after every row.
 *
 * <p>A small ridge (1/δ) pulls the coefficients towards the naive forecast (1 on lag 1, or on the
 * first seasonal lag when the subset has one), so a degenerate history (a constant, too few rows)
 * still forecasts sensibly. A candidate needs three rows per coefficient before it can be chosen;
 * until one can, the forecast is that naive one.
 */
final class LagSelection {
    private final int[] lags;
    private final int dim;
    private final int[][] candidates;
    private final double forgetting;
    private final double ridge;
    private final ArConfig.Criterion criterion;
    private final double[] gram;
    private final double[] cross;
    private double yy;
    private double weight;
    private int chosen;
    private final double[] theta;

    /**
     * @param orders   the orders to try, ascending
     * @param periods  the seasonal periods in use, ascending (0–2)
     * @param seasonal multiples of each period offered (0 = none)
     */
    LagSelection(int[] orders, int[] periods, int seasonal, ArConfig.Criterion criterion, double forgetting,
            double ridge) {
        this.criterion = criterion;
        this.forgetting = forgetting;
        this.ridge = ridge;
        List<int[]> sets = new ArrayList<>();
        TreeSet<Integer> all = new TreeSet<>();
        List<List<Integer>> seasonalSets = new ArrayList<>();
        seasonalSets.add(List.of());
        List<Integer> acc = new ArrayList<>();
        for (int p : periods) {
            for (int k = 1; k <= seasonal; k++) {
                acc.add(k * p);
            }
            if (seasonal > 0) {
                seasonalSets.add(List.copyOf(acc));
            }
        }
        for (int order : orders) {
            for (List<Integer> s : seasonalSets) {
                TreeSet<Integer> set = new TreeSet<>(s);
                for (int l = 1; l <= order; l++) {
                    set.add(l);
                }
                all.addAll(set);
                sets.add(set.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        this.lags = all.stream().mapToInt(Integer::intValue).toArray();
        this.dim = lags.length + 1;
        this.candidates = new int[sets.size()][];
        for (int c = 0; c < candidates.length; c++) {
            int[] s = sets.get(c);
            candidates[c] = new int[s.length + 1];
            for (int i = 0; i < s.length; i++) {
                candidates[c][i] = Arrays.binarySearch(lags, s[i]);
            }
            candidates[c][s.length] = dim - 1; // the intercept
        }
        this.gram = new double[dim * dim];
        this.cross = new double[dim];
        this.theta = new double[dim];
        this.chosen = 0;
        naive(0, theta);
    }

    /** The lags offered, ascending (the regressors are these, then the intercept). */
    int[] lags() {
        return lags;
    }

    int dim() {
        return dim;
    }

    /** The lags of the chosen subset, ascending. */
    int[] chosenLags() {
        int[] c = candidates[chosen];
        int[] out = new int[c.length - 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = lags[c[i]];
        }
        return out;
    }

    /** Coefficients over all regressors (0 for those the chosen subset leaves out). */
    double[] theta() {
        return theta;
    }

    /** Rows seen, discounted by the forgetting factor. */
    double weight() {
        return weight;
    }

    /** Folds in one row: regressors x (lags, then 1), target y, with weight w. */
    void add(double[] x, double y, double w) {
        double f = forgetting;
        for (int r = 0; r < dim; r++) {
            double wx = w * x[r];
            int row = r * dim;
            for (int c = r; c < dim; c++) {
                gram[row + c] = f * gram[row + c] + wx * x[c];
            }
            cross[r] = f * cross[r] + wx * y;
        }
        yy = f * yy + w * y * y;
        weight = f * weight + w;
    }

    /** Multiplies everything learned so far by {@code factor} (a level shift: forget most of the past). */
    void decay(double factor) {
        for (int i = 0; i < gram.length; i++) {
            gram[i] *= factor;
        }
        for (int i = 0; i < dim; i++) {
            cross[i] *= factor;
        }
        yy *= factor;
        weight *= factor;
    }

    /** Chooses the candidate with the best criterion among those the rows support, then solves it. */
    void select() {
        double best = Double.POSITIVE_INFINITY;
        int bestAt = chosen;
        double[] t = new double[dim];
        for (int c = 0; c < candidates.length; c++) {
            int k = candidates[c].length;
            if (weight < 3.0 * k || !solve(c, t)) {
                continue;
            }
            double score = score(c, t);
            if (score < best) {
                best = score;
                bestAt = c;
            }
        }
        chosen = bestAt;
        refresh();
    }

    /** Solves the chosen subset again (after a row); the naive coefficients while rows are too few. */
    void refresh() {
        if (weight < 3.0 * candidates[chosen].length || !solve(chosen, theta)) {
            naive(chosen, theta);
        }
    }

    private double score(int c, double[] t) {
        double rss = rss(c, t);
        double n = weight;
        double k = candidates[c].length;
        double penalty = criterion == ArConfig.Criterion.BIC ? Math.log(Math.max(n, 2)) : 2.0;
        return n * Math.log(Math.max(rss / n, 1e-300)) + penalty * k;
    }

    /** yy − 2θ·b + θᵀGθ over the subset: the weighted residual sum of squares of coefficients t. */
    private double rss(int c, double[] t) {
        int[] s = candidates[c];
        double r = yy;
        for (int i = 0; i < s.length; i++) {
            double ti = t[s[i]];
            r -= 2 * ti * cross[s[i]];
            for (int j = 0; j < s.length; j++) {
                r += ti * t[s[j]] * g(s[i], s[j]);
            }
        }
        return Math.max(r, 0.0);
    }

    private double g(int a, int b) {
        return a <= b ? gram[a * dim + b] : gram[b * dim + a];
    }

    /** Ridge least squares of subset c into t (zeros elsewhere), by Cholesky; false when not positive definite. */
    private boolean solve(int c, double[] t) {
        int[] s = candidates[c];
        int k = s.length;
        double[] prior = new double[dim];
        naive(c, prior);
        double[] a = new double[k * k];
        double[] rhs = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                a[i * k + j] = g(s[i], s[j]) + (i == j ? ridge : 0);
            }
            rhs[i] = cross[s[i]] + ridge * prior[s[i]];
        }
        for (int j = 0; j < k; j++) { // a = L Lᵀ, L in the lower triangle
            double d = a[j * k + j];
            for (int m = 0; m < j; m++) {
                d -= a[j * k + m] * a[j * k + m];
            }
            if (!(d > 0) || !Double.isFinite(d)) {
                return false;
            }
            double l = Math.sqrt(d);
            a[j * k + j] = l;
            for (int i = j + 1; i < k; i++) {
                double v = a[i * k + j];
                for (int m = 0; m < j; m++) {
                    v -= a[i * k + m] * a[j * k + m];
                }
                a[i * k + j] = v / l;
            }
        }
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            double v = rhs[i];
            for (int m = 0; m < i; m++) {
                v -= a[i * k + m] * z[m];
            }
            z[i] = v / a[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double v = z[i];
            for (int m = i + 1; m < k; m++) {
                v -= a[m * k + i] * z[m];
            }
            z[i] = v / a[i * k + i];
        }
        Arrays.fill(t, 0.0);
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(z[i])) {
                return false;
            }
            t[s[i]] = z[i];
        }
        return true;
    }

    /** The naive coefficients of subset c: 1 on its first seasonal lag if it has one, else on lag 1. */
    private void naive(int c, double[] t) {
        Arrays.fill(t, 0.0);
        int[] s = candidates[c];
        int seasonal = seasonalLag(s);
        t[seasonal > 0 ? Arrays.binarySearch(lags, seasonal) : s[0]] = 1.0;
    }

    /** The first lag of a subset beyond its run 1..p (its first seasonal lag), or 0 when it has none. */
    private int seasonalLag(int[] s) {
        int run = 0;
        for (int i = 0; i < s.length - 1 && lags[s[i]] == run + 1; i++) {
            run++;
        }
        return s.length - 1 > run ? lags[s[run]] : 0;
    }

    void writeTo(DataOutput out) throws IOException {
        for (int r = 0; r < dim; r++) {
            for (int c = r; c < dim; c++) {
                out.writeDouble(gram[r * dim + c]);
            }
        }
        for (double v : cross) {
            out.writeDouble(v);
        }
        out.writeDouble(yy);
        out.writeDouble(weight);
        out.writeInt(chosen);
        for (double v : theta) {
            out.writeDouble(v);
        }
    }

    void readFrom(DataInput in) throws IOException {
        for (int r = 0; r < dim; r++) {
            for (int c = r; c < dim; c++) {
                gram[r * dim + c] = in.readDouble();
            }
        }
        for (int i = 0; i < dim; i++) {
            cross[i] = in.readDouble();
        }
        yy = in.readDouble();
        weight = in.readDouble();
        chosen = in.readInt();
        if (chosen < 0 || chosen >= candidates.length) {
            throw new IOException("chosen lag set " + chosen + " of " + candidates.length);
        }
        for (int i = 0; i < dim; i++) {
            theta[i] = in.readDouble();
        }
    }
}
