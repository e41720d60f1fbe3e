package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConformalIntervalsTest {

    private static final IntervalConfig CFG = new IntervalConfig(0.9, 100, 0.005, 10);

    @Test
    void shouldHaveNoBoundsUntilEnoughErrorsAreSettled() {
        ConformalIntervals ci = new ConformalIntervals(2, CFG);
        ci.record(new double[] {0, 0});
        for (int t = 0; t < 9; t++) {
            ci.observe(1);
            ci.record(new double[] {0, 0});
        }
        assertTrue(Double.isNaN(ci.halfWidth(1)));
        ci.observe(1);
        assertEquals(1.0, ci.halfWidth(1));
    }

    @Test
    void shouldSettleEachStepAgainstTheForecastMadeThatManyStepsEarlier() {
        // the forecast for step h made at origin t is t + 100·h; the value at t is 0, so the error of
        // step h is (t − h) + 100·h: step 2's errors exceed step 1's by 99
        ConformalIntervals ci = new ConformalIntervals(2, new IntervalConfig(0.9, 2, 0.0, 1));
        for (int t = 0; t < 5; t++) {
            ci.observe(0);
            ci.record(new double[] {t + 100, t + 200});
        }
        ci.observe(0); // t = 5: settles step 1 of origin 4 (104) and step 2 of origin 3 (203)
        // buffers hold the last two errors: step 1 {103, 104}, step 2 {202, 203}; rank ⌈3·0.9⌉=3 → the max
        assertEquals(104.0, ci.halfWidth(1));
        assertEquals(203.0, ci.halfWidth(2));
    }

    @Test
    void shouldSteerCoverageToTargetWhenErrorsDrift() {
        ConformalIntervals ci = new ConformalIntervals(1, CFG);
        SplittableRandom rnd = new SplittableRandom(1);
        int hits = 0;
        int n = 0;
        double[] lo = new double[1];
        double[] hi = new double[1];
        ci.record(new double[] {0});
        for (int t = 0; t < 20_000; t++) {
            double sigma = 1 + 4.0 * t / 20_000; // noise grows steadily: a fixed quantile would under-cover
            double v = sigma * rnd.nextGaussian();
            ci.bounds(new double[] {0}, lo, hi);
            if (t > 1_000) {
                n++;
                hits += v >= lo[0] && v <= hi[0] ? 1 : 0;
            }
            ci.observe(v);
            ci.record(new double[] {0});
        }
        double coverage = (double) hits / n;
        assertTrue(Math.abs(coverage - 0.9) < 0.01, "coverage " + coverage);
        assertTrue(Math.abs(ci.empiricalCoverage(1) - 0.9) < 0.01, "tracked " + ci.empiricalCoverage(1));
    }
}
