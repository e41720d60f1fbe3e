package io.streamcast.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

    private static final AnomalyConfig DEFAULTS = AnomalyConfig.defaults();

    /** Gaussian noise around a daily-like sine; the expectation is the noiseless curve. */
    private static double[][] calm(long seed, int n) {
        Random r = new Random(seed);
        double[][] vx = new double[n][2];
        for (int i = 0; i < n; i++) {
            double expected = 50 + 10 * Math.sin(2 * Math.PI * i / 288);
            vx[i][0] = expected + r.nextGaussian();
            vx[i][1] = expected;
        }
        return vx;
    }

    private static List<Verdict> run(AnomalyDetector d, double[][] vx) {
        List<Verdict> out = new ArrayList<>();
        for (double[] p : vx) {
            out.add(d.observe(p[0], p[1]));
        }
        return out;
    }

    private static List<Integer> flagged(List<Verdict> verdicts) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            if (verdicts.get(i).flag()) {
                rows.add(i);
            }
        }
        return rows;
    }

    @Test
    void shouldFlagAnIncidentInNoiseOnceThanksToTheRefractoryPeriod() {
        double[][] vx = calm(7, 3000);
        for (int i = 2000; i < 2008; i++) {
            vx[i][0] += 12; // an incident of eight wild values, 12 σ off
        }
        List<Integer> flags = flagged(run(AnomalyDetector.create(DEFAULTS), vx));
        assertEquals(1, flags.size(), "flags at " + flags);
        assertTrue(flags.get(0) >= 2000 && flags.get(0) < 2008, "flag at " + flags);
    }

    @Test
    void shouldFlagEveryRowOfTheIncidentWithoutARefractoryPeriod() {
        double[][] vx = calm(7, 3000);
        for (int i = 2000; i < 2008; i++) {
            vx[i][0] += 12;
        }
        AnomalyConfig noRefractory = new AnomalyConfig(DEFAULTS.threshold(), 0, DEFAULTS.residualWindow(),
                DEFAULTS.shortWindow(), DEFAULTS.longWindow(), DEFAULTS.warmup(), DEFAULTS.tailDecades(), true);
        assertTrue(flagged(run(AnomalyDetector.create(noRefractory), vx)).size() > 1);
    }

    @Test
    void shouldNotFlagACalmSeries() {
        for (long seed = 1; seed <= 3; seed++) {
            List<Integer> flags = flagged(run(AnomalyDetector.create(DEFAULTS), calm(seed, 5000)));
            assertEquals(List.of(), flags, "seed " + seed);
        }
    }

    @Test
    void shouldKeepScoresInTheUnitIntervalOnWildInput() {
        AnomalyDetector d = AnomalyDetector.create(DEFAULTS.withThreshold(1.0));
        Random r = new Random(3);
        double[] extremes = {0, 0, 0, 1e300, -1e300, 1e-300, 5, 5, 5, 5, 1e12, -7};
        for (int i = 0; i < 3000; i++) {
            double v = i % 97 == 0 ? extremes[(i / 97) % extremes.length] : r.nextGaussian() * (i < 1500 ? 1 : 1e6);
            Verdict verdict = d.observe(v, 0);
            assertTrue(verdict.score() >= 0 && verdict.score() <= 1, "row " + i + ": " + verdict);
        }
    }

    @Test
    void shouldScoreAConstantSeriesZeroAndAChangeOfItHigh() {
        AnomalyDetector d = AnomalyDetector.create(DEFAULTS);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0.0, d.observe(42.0, 42.0).score(), "row " + i);
        }
        assertTrue(d.observe(43.0, 42.0).flag());
    }

    @Test
    void shouldGiveWarmUpRowsAndNonFiniteValuesScoreZeroAndLearnNothing() {
        AnomalyDetector d = AnomalyDetector.create(DEFAULTS);
        run(d, calm(5, 500));
        byte[] before = d.snapshot();
        assertEquals(Verdict.NONE, d.observe(3.0, Double.NaN));
        assertEquals(Verdict.NONE, d.observe(Double.NaN, 3.0));
        assertEquals(Verdict.NONE, d.observeResidual(Double.POSITIVE_INFINITY));
        assertArrayEquals(before, d.snapshot());
    }

    @Test
    void shouldContinueExactlyAfterSnapshotAndRestore() {
        double[][] vx = calm(11, 4000);
        for (int i = 2500; i < 2505; i++) {
            vx[i][0] -= 15;
        }
        AnomalyDetector whole = AnomalyDetector.create(DEFAULTS);
        List<Verdict> expected = run(whole, vx);
        for (int cut : new int[] {0, 5, 2501, 3999}) {
            AnomalyDetector first = AnomalyDetector.create(DEFAULTS);
            List<Verdict> got = new ArrayList<>(run(first, java.util.Arrays.copyOfRange(vx, 0, cut)));
            AnomalyDetector restored = AnomalyDetector.restore(DEFAULTS, first.snapshot());
            got.addAll(run(restored, java.util.Arrays.copyOfRange(vx, cut, vx.length)));
            assertEquals(expected, got, "cut at " + cut);
            assertArrayEquals(whole.snapshot(), restored.snapshot(), "cut at " + cut);
        }
    }

    @Test
    void shouldBeDeterministic() {
        double[][] vx = calm(13, 2000);
        vx[1500][0] += 20;
        assertEquals(run(AnomalyDetector.create(DEFAULTS), vx), run(AnomalyDetector.create(DEFAULTS), vx));
    }

    @Test
    void shouldScoreResidualsLikeValueMinusExpected() {
        double[][] vx = calm(17, 1500);
        AnomalyDetector byResidual = AnomalyDetector.create(DEFAULTS);
        AnomalyDetector byValue = AnomalyDetector.create(DEFAULTS);
        int flags = 0;
        vx[1200][0] += 30;
        for (double[] p : vx) {
            Verdict a = byResidual.observeResidual(p[0] - p[1]);
            Verdict b = byValue.observe(p[0], p[1]);
            assertEquals(a.flag(), b.flag());
            assertEquals(a.score(), b.score(), 1e-9);
            flags += a.flag() ? 1 : 0;
        }
        assertEquals(1, flags);
    }

    @Test
    void shouldNotLearnFromFlaggedPointsWhenAskedNot() {
        // tail-decades 1000 keeps scores far from saturation so the two can be compared
        AnomalyConfig learns = new AnomalyConfig(0.005, 0, 400, 10, 2000, 30, 1000, true);
        AnomalyConfig keepsOut = new AnomalyConfig(0.005, 0, 400, 10, 2000, 30, 1000, false);
        AnomalyDetector learning = AnomalyDetector.create(learns);
        AnomalyDetector guarded = AnomalyDetector.create(keepsOut);
        double[][] vx = calm(19, 1000);
        assertEquals(run(learning, vx), run(guarded, vx));
        assertTrue(learning.observe(100, 50).flag());
        assertTrue(guarded.observe(100, 50).flag());
        // the guarded detector's residual scale did not widen, so a second outlier surprises it more
        double again = learning.observe(58, 50).score();
        double guardedAgain = guarded.observe(58, 50).score();
        assertTrue(guardedAgain > again, guardedAgain + " vs " + again);
    }

    @Test
    void shouldRejectStateOfAnotherConfigOrTruncated() {
        AnomalyDetector d = AnomalyDetector.create(DEFAULTS);
        run(d, calm(23, 100));
        byte[] state = d.snapshot();
        AnomalyConfig other = new AnomalyConfig(0.5, 150, 400, 3, 2000, 30, 12, true);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnomalyDetector.restore(other, state))
                .getMessage().contains("short-window"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AnomalyDetector.restore(DEFAULTS, java.util.Arrays.copyOf(state, 20)))
                .getMessage().contains("truncated"));
    }

    @Test
    void shouldReadNamespacedKeysAndRejectBadValuesByKey() {
        Properties p = new Properties();
        p.setProperty("streamcast.anomaly.threshold", "0.7");
        p.setProperty("streamcast.anomaly.refractory", "12");
        p.setProperty("streamcast.anomaly.learn-from-flagged", "false");
        AnomalyConfig c = AnomalyConfig.fromProperties(p);
        assertEquals(0.7, c.threshold());
        assertEquals(12, c.refractory());
        assertFalse(c.learnFromFlagged());
        assertEquals(DEFAULTS.shortWindow(), c.shortWindow());
        p.setProperty("streamcast.anomaly.threshold", "1.5");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnomalyConfig.fromProperties(p)).getMessage()
                .contains("streamcast.anomaly.threshold"));
        p.setProperty("streamcast.anomaly.threshold", "0.5");
        p.setProperty("streamcast.anomaly.short-window", "ten");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnomalyConfig.fromProperties(p)).getMessage()
                .contains("streamcast.anomaly.short-window: expected an integer, got 'ten'"));
    }

    @Test
    void shouldComputeGaussianTailsInTheLogDomain() {
        assertEquals(Math.log10(2), Tails.upperSurprise(0), 1e-6);            // P(Z > 0) = 1/2
        assertEquals(-Math.log10(0.0013499), Tails.upperSurprise(3), 1e-4);    // P(Z > 3)
        assertEquals(-Math.log10(0.0026998), Tails.twoSidedSurprise(-3), 1e-4);
        assertTrue(Tails.twoSidedSurprise(60) > Tails.twoSidedSurprise(50));   // no underflow to equal scores
    }
}
