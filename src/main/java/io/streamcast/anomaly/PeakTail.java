package io.streamcast.anomaly;

import java.nio.ByteBuffer;

/**
 * The upper tail of a non-negative statistic, learned online by peaks over a threshold u: how often the
 * statistic exceeds u (the rate λ) and by how much on average when it does (the mean excess β), both
 * exponentially weighted. Beyond u the tail is taken as exponential, P(X > x) = λ·exp(−(x − u)/β), so the
 * surprise of x in decades is −log10 λ + (x − u)/(β·ln 10). A series whose statistic often runs far out
 * learns a high rate and a long excess and stops being surprised by it; a calm one keeps a thin tail.
 * Starts from a prior rate and excess (a Gaussian's, for the detector) worth a number of observations.
 * Deterministic; 16 bytes of state.
 */
final class PeakTail {

    static final int BYTES = 16;
    private static final double LN10 = Math.log(10);

    private final double u;
    private final double memory;
    private final double excessMemory;
    private final double priorCount;
    private final double priorExcesses;
    private float rate;
    private float excess;
    private int count;
    private int excesses;

    /**
     * @param u             the threshold the tail starts at
     * @param rate          the prior rate of exceedances
     * @param excess        the prior mean excess
     * @param memory        effective number of observations the rate is learned over
     * @param excessMemory  effective number of exceedances the mean excess is learned over
     * @param priorCount    observations the prior rate is worth
     * @param priorExcesses exceedances the prior mean excess is worth
     */
    PeakTail(double u, double rate, double excess, double memory, double excessMemory, double priorCount,
            double priorExcesses) {
        this.u = u;
        this.rate = (float) rate;
        this.excess = (float) excess;
        this.memory = memory;
        this.excessMemory = excessMemory;
        this.priorCount = priorCount;
        this.priorExcesses = priorExcesses;
    }

    /** −log10 P(X > x) under the learned tail, in decades; 0 at or below the threshold. */
    double surprise(double x) {
        if (!(x > u)) {
            return 0;
        }
        double lambda = Math.max(rate, 1.0 / memory);
        return -Math.log10(lambda) + (x - u) / (Math.max(excess, 1e-6) * LN10);
    }

    void learn(double x) {
        if (count < Integer.MAX_VALUE) {
            count++;
        }
        double a = 1.0 / Math.min(count + priorCount, memory);
        boolean over = x > u;
        rate = (float) (rate + a * ((over ? 1 : 0) - rate));
        if (over) {
            if (excesses < Integer.MAX_VALUE) {
                excesses++;
            }
            double b = 1.0 / Math.min(excesses + priorExcesses, excessMemory);
            excess = (float) (excess + b * ((x - u) - excess));
        }
    }

    void write(ByteBuffer b) {
        b.putFloat(rate).putFloat(excess).putInt(count).putInt(excesses);
    }

    void read(ByteBuffer b) {
        rate = b.getFloat();
        excess = b.getFloat();
        count = b.getInt();
        excesses = b.getInt();
    }
}
