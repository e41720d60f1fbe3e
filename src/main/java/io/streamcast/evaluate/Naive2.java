package io.streamcast.evaluate;

import java.util.Arrays;

/**
 * Naive2, the M4 competition's benchmark, exactly as its R code ({@code Benchmarks and Evaluation.R}
 * of the M4-methods repository) makes it: the last value repeated, after a classical multiplicative
 * seasonal adjustment — applied only when the series passes the 90 % autocorrelation test at lag m.
 *
 * <p><b>The test</b> ({@code SeasonalityTest}): with n ≥ 3m values and r_k the sample autocorrelation
 * (R's {@code acf}: deviations from the mean, lag-k cross products over the lag-0 sum), the series is
 * seasonal when |r_m| &gt; 1.645·sqrt((1 + 2·Σ_{k=1}^{m−1} r_k²)/n). R's {@code acf} stops at
 * {@code lag.max = floor(10·log10(n))} (at most n − 1); when m is beyond it, r_m is NA and the M4
 * code's {@code is.na} branch says "not seasonal". That is mirrored: with m = 24 a series needs
 * n ≥ 252 before it can be found seasonal, with m = 52 n ≥ 158 490 (so never in practice), with
 * m = 168 never. With m ≤ 1 nothing is seasonal.
 *
 * <p><b>The adjustment</b> (R's {@code decompose(type = "multiplicative")}): a centred moving average
 * of order m (2×m for even m: weights ½, 1, …, 1, ½ over m + 1 values, divided by m), the ratios
 * x_t / trend_t averaged per phase of the cycle (the first value is phase 0), that figure divided by
 * its mean so it averages 1. The forecast for step h is (x_n / s_n)·s_{n+h}, s the figure of the
 * phase. A figure that is not finite and positive (a series with zeros or negative values, where a
 * multiplicative decomposition means nothing and R's would give NaN or nonsense) falls back to the
 * plain naive forecast.
 */
public final class Naive2 {
    /** One-sided 90 % critical value of the M4 code ({@code tcrit}). */
    static final double TCRIT = 1.645;

    private Naive2() {}

    /** R's default {@code acf} lag.max for a series of n values: floor(10·log10(n)), at most n − 1. */
    static int lagMax(int n) {
        return (int) Math.min(Math.floor(10 * Math.log10(n)), n - 1);
    }

    /** Sample autocorrelations r_0..r_maxLag as R's {@code acf}; all NaN for a constant series. */
    static double[] acf(double[] x, int maxLag) {
        int n = x.length;
        double mean = mean(x, 0, n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = x[i] - mean;
        }
        double[] r = new double[maxLag + 1];
        double c0 = 0;
        for (int i = 0; i < n; i++) {
            c0 += d[i] * d[i];
        }
        for (int k = 0; k <= maxLag; k++) {
            double c = 0;
            for (int i = 0; i + k < n; i++) {
                c += d[i] * d[i + k];
            }
            r[k] = c / c0; // NaN when c0 is 0, as R's
        }
        return r;
    }

    /** The M4 90 % test: is the lag-m autocorrelation of {@code x} significant? */
    public static boolean seasonal(double[] x, int m) {
        int n = x.length;
        if (m <= 1 || n < 3 * m || m > lagMax(n)) {
            return false;
        }
        double[] r = acf(x, m);
        double sum = 0;
        for (int k = 1; k < m; k++) {
            sum += r[k] * r[k];
        }
        double limit = TCRIT / Math.sqrt(n) * Math.sqrt(1 + 2 * sum);
        return Math.abs(r[m]) > limit; // false for NaN, as the M4 code's is.na branch
    }

    /**
     * The seasonal figure of R's multiplicative {@code decompose}: m indices averaging 1, index i for
     * the values at positions i, i + m, … (0-based); null when it is not finite and positive.
     */
    static double[] figure(double[] x, int m) {
        int n = x.length;
        int half = m / 2;
        double[] w = new double[m % 2 == 0 ? m + 1 : m];
        for (int j = 0; j < w.length; j++) {
            w[j] = (m % 2 == 0 && (j == 0 || j == m) ? 0.5 : 1.0) / m; // R: c(0.5, rep_len(1, f - 1), 0.5) / f
        }
        double[] sum = new double[m];
        double[][] ratios = new double[m][];
        int[] count = new int[m];
        for (int i = 0; i < m; i++) {
            ratios[i] = new double[(n + m - 1) / m];
        }
        for (int t = half; t + half < n; t++) {
            double trend = 0;
            for (int j = 0; j < w.length; j++) { // R's cfilter: z += filter[j] * x[i + nshift - j]
                trend += w[j] * x[t + half - j];
            }
            int p = t % m;
            ratios[p][count[p]++] = x[t] / trend;
        }
        for (int p = 0; p < m; p++) {
            sum[p] = mean(ratios[p], 0, count[p]);
        }
        double level = mean(sum, 0, m);
        for (int p = 0; p < m; p++) {
            sum[p] /= level;
            if (!(sum[p] > 0) || !Double.isFinite(sum[p])) {
                return null;
            }
        }
        return sum;
    }

    /**
     * Naive2's forecast of h steps after {@code x} with period m: seasonally adjusted naive when the
     * test passes, plain naive otherwise; NaN when x is empty.
     */
    public static double[] forecast(double[] x, int m, int h) {
        double[] f = new double[h];
        int n = x.length;
        if (n == 0) {
            Arrays.fill(f, Double.NaN);
            return f;
        }
        double last = x[n - 1];
        double[] s = seasonal(x, m) ? figure(x, m) : null;
        for (int k = 1; k <= h; k++) {
            f[k - 1] = s == null ? last : last / s[(n - 1) % m] * s[(n - 1 + k) % m];
        }
        return f;
    }

    /** R's {@code mean}: the sum over n, corrected by the mean of the deviations (NaN when n is 0). */
    static double mean(double[] x, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        s /= n;
        if (Double.isFinite(s)) {
            double t = 0;
            for (int i = from; i < to; i++) {
                t += x[i] - s;
            }
            s += t / n;
        }
        return s;
    }

    /**
     * Naive2 at every origin of a growing series, for prequential evaluation: the same test and
     * decomposition as {@link #forecast} on the values so far, kept up to date in O(m) per value
     * (running lag products for the autocorrelations, per-phase sums of x/trend for the figure)
     * instead of recomputed. Algebraically identical; rounding may differ in the last digits, so a
     * test statistic within ~1e-12 of its limit could decide the other way.
     */
    static final class Online {
        private final int m;
        private final int half;
        private final double[] w;
        private final double[] head; // first m values (shifted), for the lag sums' edges
        private final double[] ring; // last m + 1 values (raw)
        private final double[] lagProducts; // S_k = Σ y_t·y_{t+k}, k = 0..m, y = x − shift
        private final double[] phaseSum;
        private final int[] phaseCount;
        private double shift;
        private double total;
        private int n;

        Online(int m) {
            this.m = Math.max(1, m);
            this.half = this.m / 2;
            this.w = new double[this.m % 2 == 0 ? this.m + 1 : this.m];
            for (int j = 0; j < w.length; j++) {
                w[j] = (this.m % 2 == 0 && (j == 0 || j == this.m) ? 0.5 : 1.0) / this.m;
            }
            head = new double[this.m];
            ring = new double[this.m + 1];
            lagProducts = new double[this.m + 1];
            phaseSum = new double[this.m];
            phaseCount = new int[this.m];
        }

        int size() {
            return n;
        }

        /** The raw value k steps back (0 = the last). */
        private double back(int k) {
            return ring[Math.floorMod(n - 1 - k, ring.length)];
        }

        void add(double x) {
            if (n == 0) {
                shift = x;
            }
            ring[n % ring.length] = x;
            n++;
            if (m < 2) {
                return;
            }
            double y = x - shift;
            if (n <= m) {
                head[n - 1] = y;
            }
            for (int k = 0; k <= m && k < n; k++) {
                lagProducts[k] += y * (back(k) - shift);
            }
            total += y;
            int t = n - 1 - half; // the newest position whose centred average is now complete
            if (t >= half) {
                double trend = 0;
                for (int j = 0; j < w.length; j++) {
                    trend += w[j] * back(j); // back(j) = x[t + half − j]
                }
                phaseSum[t % m] += back(half) / trend;
                phaseCount[t % m]++;
            }
        }

        /** The test on the values so far. */
        boolean seasonal() {
            if (m < 2 || n < 3 * m || m > lagMax(n)) {
                return false;
            }
            double mean = total / n;
            double headSum = 0;
            double tailSum = 0;
            double c0 = 0;
            double sum = 0;
            double rm = Double.NaN;
            for (int k = 0; k <= m; k++) {
                // Σ_{t<n−k} (y_t − ȳ)(y_{t+k} − ȳ) = S_k − ȳ·(Σ_{t<n−k} y_t + Σ_{t≥k} y_t) + (n − k)·ȳ²
                double c = lagProducts[k] - mean * ((total - tailSum) + (total - headSum)) + (n - k) * mean * mean;
                if (k == 0) {
                    c0 = c;
                } else if (k < m) {
                    double r = c / c0;
                    sum += r * r;
                } else {
                    rm = c / c0;
                }
                if (k < m) {
                    headSum += head[k];
                    tailSum += back(k) - shift;
                }
            }
            double limit = TCRIT / Math.sqrt(n) * Math.sqrt(1 + 2 * sum);
            return Math.abs(rm) > limit;
        }

        /** Naive2's forecast of h steps from the values so far; NaN before the first value. */
        double[] forecast(int h) {
            double[] f = new double[h];
            if (n == 0) {
                Arrays.fill(f, Double.NaN);
                return f;
            }
            double last = back(0);
            double[] s = seasonal() ? figure() : null;
            for (int k = 1; k <= h; k++) {
                f[k - 1] = s == null ? last : last / s[(n - 1) % m] * s[(n - 1 + k) % m];
            }
            return f;
        }

        private double[] figure() {
            double[] s = new double[m];
            double level = 0;
            for (int p = 0; p < m; p++) {
                s[p] = phaseSum[p] / phaseCount[p];
                level += s[p];
            }
            level /= m;
            for (int p = 0; p < m; p++) {
                s[p] /= level;
                if (!(s[p] > 0) || !Double.isFinite(s[p])) {
                    return null;
                }
            }
            return s;
        }
    }
}
