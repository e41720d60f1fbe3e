package io.streamcast.anomaly;

/**
 * Gaussian tail probabilities in the log domain, so that the scores of extreme residuals (z of 40
 * and beyond, where the tail underflows a double) stay distinct instead of all becoming 1.
 */
final class Tails {

    private static final double LN10 = Math.log(10);

    private Tails() {
    }

    /**
     * ln erfc(x), from the Chebyshev fit of Numerical Recipes (erfcc, fractional error < 1.2e-7
     * everywhere), which is naturally a product t·exp(poly) and so has an exact logarithm.
     */
    static double logErfc(double x) {
        if (x < 0) {
            return Math.log(2 - Math.exp(logErfc(-x)));
        }
        double t = 1 / (1 + 0.5 * x);
        double poly = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        return Math.log(t) + poly;
    }

    /** −log10 P(Z > z) for a standard normal Z: the upper-tail surprise in decades. */
    static double upperSurprise(double z) {
        double lnQ = logErfc(z / Math.sqrt(2)) - Math.log(2);
        return Math.max(0, -lnQ / LN10);
    }

    /** −log10 P(|Z| > |z|): the two-sided surprise of a residual, in decades. */
    static double twoSidedSurprise(double z) {
        return Math.max(0, -logErfc(Math.abs(z) / Math.sqrt(2)) / LN10);
    }
}
