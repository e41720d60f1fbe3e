package io.streamcast.model;

/**
 * The best linear AR(p) with intercept in hindsight: fitted by least squares on the whole series,
 * then scored one step ahead. No online AR of the same order does better on a stationary series,
 * so beating it is a stricter test than beating an online one.
 */
final class LeastSquaresAr {
    private LeastSquaresAr() {
    }

    static double rmse(double[] x, int p, int from, int to) {
        int k = p + 1;
        double[][] a = new double[k][k + 1];
        double[] r = new double[k];
        for (int t = p; t < x.length; t++) {
            regressors(x, t, p, r);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    a[i][j] += r[i] * r[j];
                }
                a[i][k] += r[i] * x[t];
            }
        }
        double[] b = solve(a);
        double sum = 0;
        for (int t = from; t < to; t++) {
            regressors(x, t, p, r);
            double y = 0;
            for (int j = 0; j < k; j++) {
                y += b[j] * r[j];
            }
            sum += (y - x[t]) * (y - x[t]);
        }
        return Math.sqrt(sum / (to - from));
    }

    private static void regressors(double[] x, int t, int p, double[] r) {
        r[0] = 1;
        for (int j = 1; j <= p; j++) {
            r[j] = x[t - j];
        }
    }

    /** Gaussian elimination of the normal equations [A | b]. */
    private static double[] solve(double[][] a) {
        int k = a.length;
        for (int i = 0; i < k; i++) {
            for (int row = i + 1; row < k; row++) {
                double f = a[row][i] / a[i][i];
                for (int c = i; c <= k; c++) {
                    a[row][c] -= f * a[i][c];
                }
            }
        }
        double[] b = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double s = a[i][k];
            for (int j = i + 1; j < k; j++) {
                s -= a[i][j] * b[j];
            }
            b[i] = s / a[i][i];
        }
        return b;
    }
}
