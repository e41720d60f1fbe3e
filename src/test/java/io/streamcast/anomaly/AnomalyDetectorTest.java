package io.streamcast.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

    private static final AnomalyConfig DEFAULTS = AnomalyConfig.defaults();

    /** Gaussian noise around a daily-like sine, 5-minute steps; the expectation is the noiseless curve. */
    private static double[][] calm(long seed, int n) {
        Random r = new Random(seed);
        double[][] tvx = new double[n][3];
        for (int i = 0; i < n; i++) {
            double expected = 50 + 10 * Math.sin(2 * Math.PI * i / 288);
            tvx[i][0] = 1_400_000_000_000L + 300_000L * i;
            tvx[i][1] = expected + r.nextGaussian();
            tvx[i][2] = expected;
        }
        return tvx;
    }

    private static List<Verdict> run(AnomalyDetector d, double[][] tvx) {
        List<Verdict> out = new ArrayList<>();
        for (double[] p : tvx) {
            out.add(d.observe((long) p[0], p[1], p[2]));
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
    void shouldGiveAnIncidentOneHighScoreWithoutARefractoryPeriod() {
        double[][] vx = calm(7, 3000);
        for (int i = 2000; i < 2008; i++) {
            vx[i][1] += 12; // an incident of eight wild values, 12 σ off
        }
        List<Integer> flags = flagged(run(AnomalyDetector.create(DEFAULTS), vx));
        assertTrue(!flags.isEmpty() && flags.get(0) == 2000, "flags at " + flags);
        assertTrue(flags.size() <= 2, "one incident, not one flag per row: " + flags);
    }

    @Test
    void shouldFlagAtTheThresholdAndNotBelowIt() {
        for (Verdict v : run(AnomalyDetector.create(DEFAULTS), calm(9, 2000))) {
            assertEquals(v.score() >= DEFAULTS.threshold(), v.flag(), v.toString());
            assertTrue(v.score() == 0 || v.reason() != null, v.toString());
        }
    }

    @Test
    void shouldKeepScoresInTheUnitIntervalOnWildInput() {
        AnomalyDetector d = AnomalyDetector.create(DEFAULTS.withThreshold(1.0));
        Random r = new Random(3);
        double[] extremes = {0, 0, 0, 1e300, -1e300, 1e-300, 5, 5, 5, 5, 1e12, -7};
        for (int i = 0; i < 3000; i++) {
            double v = i % 97 == 0 ? extremes[(i / 97) % extremes.length] : r.nextGaussian() * (i < 1500 ? 1 : 1e6);
            Verdict verdict = d.observe(i * 1000L, v, 0);
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
    void shouldGiveNonFiniteValuesScoreZeroAndLearnNothing() {
        AnomalyDetector d = AnomalyDetector.create(DEFAULTS);
        run(d, calm(5, 500));
        byte[] before = d.snapshot();
        assertEquals(Verdict.NONE, d.observe(Double.NaN, 3.0));
        assertEquals(Verdict.NONE, d.observeResidual(Double.POSITIVE_INFINITY));
        assertArrayEquals(before, d.snapshot());
    }

    @Test
    void shouldContinueExactlyAfterSnapshotAndRestore() {
        double[][] vx = calm(11, 4000);
        for (int i = 2500; i < 2505; i++) {
            vx[i][1] -= 15;
        }
        vx[3000][0] += 3_000_000; // a gap: the time statistics travel too
        for (int i = 3001; i < vx.length; i++) {
            vx[i][0] += 3_000_000;
        }
        AnomalyDetector whole = AnomalyDetector.create(DEFAULTS);
        List<Verdict> expected = run(whole, vx);
        for (int cut : new int[] {0, 5, 20, 2501, 3999}) {
            AnomalyDetector first = AnomalyDetector.create(DEFAULTS);
            List<Verdict> got = new ArrayList<>(run(first, Arrays.copyOfRange(vx, 0, cut)));
            AnomalyDetector restored = AnomalyDetector.restore(DEFAULTS, first.snapshot());
            got.addAll(run(restored, Arrays.copyOfRange(vx, cut, vx.length)));
            assertEquals(expected, got, "cut at " + cut);
            assertArrayEquals(whole.snapshot(), restored.snapshot(), "cut at " + cut);
        }
    }

    @Test
    void shouldBeDeterministic() {
        double[][] vx = calm(13, 2000);
        vx[1500][1] += 20;
        assertEquals(run(AnomalyDetector.create(DEFAULTS), vx), run(AnomalyDetector.create(DEFAULTS), vx));
    }

    @Test
    void shouldRejectStateOfAnotherConfigOrTruncated() {
        AnomalyDetector d = AnomalyDetector.create(DEFAULTS);
        run(d, calm(23, 100));
        byte[] state = d.snapshot();
        Properties p = new Properties();
        p.setProperty("streamcast.anomaly.scales", "8,32");
        AnomalyConfig other = AnomalyConfig.fromProperties(p);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnomalyDetector.restore(other, state))
                .getMessage().contains("scales"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AnomalyDetector.restore(DEFAULTS, Arrays.copyOf(state, 20))).getMessage().contains("truncated"));
    }

    @Test
    void shouldReadNamespacedKeysAndRejectBadValuesByKey() {
        Properties p = new Properties();
        p.setProperty("streamcast.anomaly.threshold", "0.7");
        p.setProperty("streamcast.anomaly.half-life", "12");
        p.setProperty("streamcast.anomaly.scales", "4, 16");
        AnomalyConfig c = AnomalyConfig.fromProperties(p);
        assertEquals(0.7, c.threshold());
        assertEquals(12.0, c.halfLife());
        assertArrayEquals(new int[] {4, 16}, c.scales());
        assertEquals(DEFAULTS.longWindow(), c.longWindow());
        p.setProperty("streamcast.anomaly.threshold", "1.5");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnomalyConfig.fromProperties(p)).getMessage()
                .contains("streamcast.anomaly.threshold"));
        p.setProperty("streamcast.anomaly.threshold", "0.5");
        p.setProperty("streamcast.anomaly.scales", "16,4");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnomalyConfig.fromProperties(p)).getMessage()
                .contains("streamcast.anomaly.scales"));
        p.setProperty("streamcast.anomaly.scales", "8,32");
        p.setProperty("streamcast.anomaly.warmup", "ten");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnomalyConfig.fromProperties(p)).getMessage()
                .contains("streamcast.anomaly.warmup: expected an integer, got 'ten'"));
    }

    @Test
    void shouldRejectKeysOfEarlierDetectorsAndUnknownKeysByName() {
        for (String removed : new String[] {"refractory", "short-window", "learn-from-flagged"}) {
            Properties p = new Properties();
            p.setProperty("streamcast.anomaly." + removed, "150");
            String message = assertThrows(IllegalArgumentException.class, () -> AnomalyConfig.fromProperties(p))
                    .getMessage();
            assertTrue(message.startsWith("streamcast.anomaly." + removed + " was removed"), message);
        }
        Properties p = new Properties();
        p.setProperty("streamcast.anomaly.treshold", "0.5");
        p.setProperty("streamcast.model.season", "24"); // not ours: not looked at
        String message = assertThrows(IllegalArgumentException.class, () -> AnomalyConfig.fromProperties(p))
                .getMessage();
        assertTrue(message.contains("unknown configuration key streamcast.anomaly.treshold")
                && message.contains("threshold"), message);
    }

    @Test
    void shouldRestoreASeasonalDetectorBitExactlyAndRejectAnotherShapeMemory() {
        AnomalyConfig seasonal = DEFAULTS.withSeason(288);
        double[][] vx = calm(29, 6000);
        vx[4000][1] += 15;
        List<Verdict> whole = run(AnomalyDetector.create(seasonal), vx);
        AnomalyDetector first = AnomalyDetector.create(seasonal);
        List<Verdict> resumed = new ArrayList<>(run(first, Arrays.copyOf(vx, 3000)));
        byte[] state = first.snapshot();
        resumed.addAll(run(AnomalyDetector.restore(seasonal, state), Arrays.copyOfRange(vx, 3000, vx.length)));
        assertEquals(whole, resumed);
        assertTrue(state.length > 2048 && state.length < 3072, "seasonal state of " + state.length + " bytes");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnomalyDetector.restore(DEFAULTS, state))
                .getMessage().contains("shape memory"));
    }

    @Test
    void shouldComputeGaussianTailsInTheLogDomain() {
        assertEquals(Math.log10(2), Tails.upperSurprise(0), 1e-6);            // P(Z > 0) = 1/2
        assertEquals(-Math.log10(0.0013499), Tails.upperSurprise(3), 1e-4);    // P(Z > 3)
        assertEquals(-Math.log10(0.0026998), Tails.twoSidedSurprise(-3), 1e-4);
        assertTrue(Tails.twoSidedSurprise(60) > Tails.twoSidedSurprise(50));   // no underflow to equal scores
    }
}
