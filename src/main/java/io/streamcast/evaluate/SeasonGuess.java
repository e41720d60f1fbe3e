package io.streamcast.evaluate;

/**
 * Guesses a series' season length from a prefix of it, for {@code score --season auto}: the lag of
 * the highest autocorrelation peak — a local maximum of the sample autocorrelation, at least
 * {@value #MIN_ACF}, at a lag seen at least twice within the prefix; 0 when there is none. A trend
 * or a slow wander gives an autocorrelation that only decays, with no peak, hence no season.
 * (The autocorrelation of the first difference was tried and missed the season of noisy daily
 * patterns, whose difference is mostly noise.)
 */
public final class SeasonGuess {

    static final double MIN_ACF = 0.5;
    private static final int MIN_LAG = 4;

    private SeasonGuess() {
    }

    public static int estimate(double[] prefix) {
        int n = prefix.length;
        if (n < 4 * MIN_LAG) {
            return 0;
        }
        double[] d = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            d[i] = prefix[i];
            mean += d[i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            d[i] -= mean;
            var += d[i] * d[i];
        }
        if (var == 0) {
            return 0;
        }
        int maxLag = n / 2;
        double[] acf = new double[maxLag + 2];
        for (int lag = 1; lag <= maxLag + 1 && lag < n; lag++) {
            double s = 0;
            for (int i = lag; i < n; i++) {
                s += d[i] * d[i - lag];
            }
            acf[lag] = s / var;
        }
        int best = 0;
        double bestAcf = MIN_ACF;
        for (int lag = MIN_LAG; lag <= maxLag; lag++) {
            if (acf[lag] > bestAcf && acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1]) {
                best = lag;
                bestAcf = acf[lag];
            }
        }
        return best;
    }
}
