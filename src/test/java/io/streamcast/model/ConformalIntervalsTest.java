package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConformalIntervalsTest {

    private static final IntervalConfig CFG = new IntervalConfig(0.9, 100, 0.05, 10);
    /** Half-width over mean absolute error of a Gaussian at 90 %: √(π/2)·z(0.95). */
    private static final double GAUSSIAN_90 = Math.sqrt(Math.PI / 2) * 1.6448536269514722;

    @Test
    void shouldHaveNoBoundsUntilEnoughErrorsAreSettledThenStartGaussian() {
        ConformalIntervals ci = new ConformalIntervals(2, CFG);
        ci.record(new double[] {0, 0});
        for (int t = 0; t < 9; t++) {
            ci.observe(1);
            ci.record(new double[] {0, 0});
        }
        assertTrue(Double.isNaN(ci.halfWidth(1)));
        ci.observe(1);
        assertEquals(GAUSSIAN_90, ci.halfWidth(1), 1e-6);
        assertEquals(GAUSSIAN_90 * Math.sqrt(2), ci.halfWidth(2), 1e-6, "step 2 borrows step 1's width, times √2");
    }

    @Test
    void shouldSettleEachStepAgainstTheForecastMadeThatManyStepsEarlier() {
        // the forecast for step h made at origin t is t + 100·h; the value at t is 0, so the error of
        // step h settled at t is (t − h) + 100·h. γ = 0 keeps the Gaussian factor: width = factor × mean error
        ConformalIntervals ci = new ConformalIntervals(2, new IntervalConfig(0.9, 50, 0.0, 1));
        for (int t = 0; t < 5; t++) {
            ci.observe(0);
            ci.record(new double[] {t + 100, t + 200});
        }
        ci.observe(0); // t = 5: step 1 has settled origins 0..4 (100..104), step 2 origins 0..3 (200..203)
        assertEquals(GAUSSIAN_90 * 102.0, ci.halfWidth(1), 1e-4);
        assertEquals(GAUSSIAN_90 * 201.5, ci.halfWidth(2), 1e-4);
    }

    @Test
    void shouldTrackALadderOfStepsAndInterpolateTheRestInRootH() {
        assertArrayEquals(new int[] {1, 2, 3, 4, 6, 8, 12, 16, 24}, ConformalIntervals.trackedSteps(24));
        assertArrayEquals(new int[] {1, 2, 3, 4, 6, 8, 10}, ConformalIntervals.trackedSteps(10));
        assertArrayEquals(new int[] {1}, ConformalIntervals.trackedSteps(1));
        // errors that grow exactly as √h: a random walk forecast flat, settled with γ = 0 (Gaussian factor
        // on the mean error), the interpolated step 20 sits on the √h curve through steps 16 and 24
        ConformalIntervals ci = new ConformalIntervals(24, new IntervalConfig(0.9, 100_000, 0.0, 10));
        SplittableRandom rnd = new SplittableRandom(3);
        double level = 0;
        for (int t = 0; t < 60_000; t++) {
            level += rnd.nextGaussian();
            ci.observe(level);
            double[] flat = new double[24];
            java.util.Arrays.fill(flat, level);
            ci.record(flat);
        }
        double perRootH = ci.halfWidth(16) / 4;
        assertEquals(1.645, perRootH, 0.1, "random-walk errors at step h are N(0, h)");
        double expected = ci.halfWidth(16) + (ci.halfWidth(24) - ci.halfWidth(16))
                * (Math.sqrt(20) - 4) / (Math.sqrt(24) - 4);
        assertEquals(expected, ci.halfWidth(20), 1e-12);
        assertEquals(perRootH * Math.sqrt(20), ci.halfWidth(20), 0.1 * ci.halfWidth(20));
    }

    @Test
    void shouldCoverLongStepsThatSettleOnlyEveryFewOrigins() {
        // a random walk forecast flat: step h errors are N(0, h), and persistent — consecutive origins
        // share h − 1 shocks. Step 96 settles every 6th origin and step 64 every 4th, yet their intervals,
        // checked here on every origin, cover as targeted; so does step 20, interpolated between 16 and
        // 24. (Judging misses against the current width instead of the one issued covered 80–86 % here.)
        int horizon = 96;
        ConformalIntervals ci = new ConformalIntervals(horizon, CFG);
        SplittableRandom rnd = new SplittableRandom(9);
        double[] levels = new double[horizon];
        double[][] widths = new double[horizon][];
        int[] steps = {16, 20, 64, 96};
        int[] hits = new int[steps.length];
        int n = 0;
        double level = 0;
        for (int t = 0; t < 40_000; t++) {
            level += rnd.nextGaussian();
            if (t >= 2_000 + horizon) {
                n++;
                for (int i = 0; i < steps.length; i++) {
                    int origin = Math.floorMod(t - steps[i], horizon);
                    hits[i] += Math.abs(level - levels[origin]) <= widths[origin][steps[i] - 1] ? 1 : 0;
                }
            }
            ci.observe(level);
            double[] flat = new double[horizon];
            java.util.Arrays.fill(flat, level);
            ci.record(flat);
            levels[t % horizon] = level;
            double[] w = new double[horizon];
            for (int h = 1; h <= horizon; h++) {
                w[h - 1] = ci.halfWidth(h);
            }
            widths[t % horizon] = w;
        }
        for (int i = 0; i < steps.length; i++) {
            double coverage = (double) hits[i] / n;
            assertTrue(Math.abs(coverage - 0.9) < 0.02, "step " + steps[i] + " coverage " + coverage);
        }
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
            // Student-like tails (a Gaussian scaled by a random factor): the Gaussian start is wrong and
            // the tracked factor must correct it
            double v = sigma * rnd.nextGaussian() * (rnd.nextInt(10) == 0 ? 3 : 1);
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
    }

    @Test
    void shouldContinueBitExactlyAfterARestore() throws Exception {
        ConformalIntervals a = new ConformalIntervals(24, CFG);
        SplittableRandom rnd = new SplittableRandom(5);
        double level = 1e6; // large level, small noise: the pending means must keep their precision
        for (int t = 0; t < 300; t++) {
            level += 0.01 * rnd.nextGaussian();
            a.observe(level);
            a.record(means(level, t));
        }
        ConformalIntervals b = ConformalIntervals.readFrom(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(Snapshots.write(a::writeTo))), CFG);
        for (int t = 300; t < 400; t++) {
            level += 0.01 * rnd.nextGaussian();
            a.observe(level);
            b.observe(level);
            a.record(means(level, t));
            b.record(means(level, t));
        }
        for (int h = 1; h <= 24; h++) {
            assertEquals(Double.doubleToLongBits(a.halfWidth(h)), Double.doubleToLongBits(b.halfWidth(h)), "step " + h);
        }
        assertArrayEquals(Snapshots.write(a::writeTo), Snapshots.write(b::writeTo));
        // noise 0.01 per step on a level of 1e6: widths of order 0.01·√h, not float rounding of 1e6 (0.06)
        assertTrue(a.halfWidth(1) > 0.01 && a.halfWidth(1) < 0.03, "step 1 width " + a.halfWidth(1));
    }

    private static double[] means(double level, int t) {
        double[] m = new double[24];
        for (int h = 0; h < 24; h++) {
            m[h] = level + 1e-3 * Math.sin(t + h);
        }
        return m;
    }
}
