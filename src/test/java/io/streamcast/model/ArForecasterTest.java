package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArForecasterTest {

    static double[] ar2(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] y = new double[n];
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < 200 + n; i++) { // 200 values of burn-in from zero
            double v = 0.6 * y1 - 0.3 * y2 + rnd.nextGaussian();
            y2 = y1;
            y1 = v;
            if (i >= 200) {
                y[i - 200] = v;
            }
        }
        return y;
    }

    private static ArForecaster ar(EngineConfig c) {
        return new ArForecaster(ArConfig.from(c));
    }

    @Test
    void shouldEstimateAr2CoefficientsWithin005() {
        ArForecaster ar = ar(EngineConfig.of(1).with("streamcast.model.ar.order", "2"));
        for (double v : ar2(5_000, 42)) {
            ar.learn(v);
        }
        double[] c = ar.coefficients();
        assertEquals(0.6, c[0], 0.05, "phi1");
        assertEquals(-0.3, c[1], 0.05, "phi2");
        assertArrayEquals(new int[] {1, 2}, ar.lags());
    }

    @Test
    void shouldChooseItsOwnOrderAndFindItsSeason() {
        // AR(2) noise on a daily cycle of 24: the series should end up with lags 1, 2 (order chosen up to 8)
        // and the period 24, found from its history
        ArForecaster ar = ar(EngineConfig.of(24));
        double[] y = ar2(4_000, 3);
        for (int t = 0; t < y.length; t++) {
            ar.learn(20 + 5 * Math.sin(2 * Math.PI * t / 24) + y[t]);
        }
        assertArrayEquals(new int[] {24}, ar.periods());
        int[] lags = ar.lags();
        assertTrue(lags.length >= 2 && lags[0] == 1 && lags[1] == 2, java.util.Arrays.toString(lags));
        assertTrue(java.util.Arrays.stream(lags).anyMatch(l -> l == 24), "seasonal lag chosen: "
                + java.util.Arrays.toString(lags));
    }

    @Test
    void shouldFindNoSeasonInARandomWalk() {
        ArForecaster ar = ar(EngineConfig.of(12));
        SplittableRandom rnd = new SplittableRandom(2);
        double v = 100;
        for (int t = 0; t < 3_000; t++) {
            v += rnd.nextGaussian();
            ar.learn(v);
        }
        assertArrayEquals(new int[0], ar.periods());
    }

    @Test
    void shouldFollowALevelShiftInsteadOfRevertingToTheOldLevel() {
        ArForecaster ar = ar(EngineConfig.of(12).withSeason(0));
        SplittableRandom rnd = new SplittableRandom(4);
        for (int t = 0; t < 2_000; t++) {
            ar.learn(10 + (t >= 1_500 ? 20 : 0) + 0.5 * rnd.nextGaussian());
        }
        // 500 values after the shift, a 12-step forecast sits at the new level, not between the two
        Forecast f = ar.forecast(12);
        assertEquals(30, f.mean(12), 1.0);
        assertTrue(ar.shifts() >= 1, "shift confirmed");
    }

    @Test
    void shouldForecastNoiselessSineOneAndTwentyFourStepsWithin1e6() {
        ArForecaster ar = ar(EngineConfig.of(24)); // defaults: orders up to 8, intercept, forgetting 0.9995
        int warm = 3_000;
        double maxRel1 = 0;
        double maxRel24 = 0;
        double[][] made = new double[warm + 200][];
        for (int t = 0; t < warm + 200; t++) {
            double v = Math.sin(2 * Math.PI * t / 50);
            if (t >= warm) {
                maxRel1 = Math.max(maxRel1, Math.abs(v - made[t - 1][0]));
                maxRel24 = Math.max(maxRel24, Math.abs(v - made[t - 24][23]));
            }
            ar.learn(v);
            made[t] = ar.forecast(24).mean();
        }
        // amplitude 1: absolute error is error relative to the amplitude
        assertTrue(maxRel1 < 1e-6, "1-step error " + maxRel1);
        assertTrue(maxRel24 < 1e-6, "24-step error " + maxRel24);
    }

    @Test
    void shouldCoverNinetyPercentOfAr2Within87And93() {
        ArForecaster ar = ar(EngineConfig.of(1).withCoverage(0.9).with("streamcast.model.ar.order", "2"));
        double[] y = ar2(6_000, 7);
        int hits = 0;
        int n = 0;
        Forecast last = null;
        for (int t = 0; t < y.length; t++) {
            if (t >= 1_000) {
                n++;
                if (y[t] >= last.lo(1) && y[t] <= last.hi(1)) {
                    hits++;
                }
            }
            ar.learn(y[t]);
            last = ar.forecast(1);
        }
        double coverage = (double) hits / n;
        assertTrue(coverage >= 0.87 && coverage <= 0.93, "coverage " + coverage);
    }

    @Test
    void shouldForecastConstantInputExactlyWithoutBlowingUp() {
        ArForecaster ar = ar(EngineConfig.of(24).withSeason(24));
        for (int t = 0; t < 5_000; t++) {
            ar.learn(7.25);
        }
        Forecast f = ar.forecast(24);
        for (int h = 1; h <= 24; h++) {
            assertEquals(7.25, f.mean(h), 0.0);
            assertEquals(7.25, f.lo(h), 0.0);
            assertEquals(7.25, f.hi(h), 0.0);
        }
    }

    @Test
    void shouldStayFiniteAndAccurateOnHugeValues() {
        ArForecaster ar = ar(EngineConfig.of(12).with("streamcast.model.ar.order", "2"));
        double[] y = ar2(3_000, 3);
        for (double v : y) {
            ar.learn(1e15 + 1e12 * v);
        }
        Forecast f = ar.forecast(12);
        for (int h = 1; h <= 12; h++) {
            assertTrue(Double.isFinite(f.mean(h)) && Double.isFinite(f.lo(h)) && Double.isFinite(f.hi(h)));
            assertEquals(1e15, f.mean(h), 1e13, "step " + h);
        }
        assertEquals(0.6, ar.coefficients()[0], 0.1);
    }

    @Test
    void shouldSkipNonFiniteValuesAndCountThem() {
        ArForecaster a = ar(EngineConfig.of(3).with("streamcast.model.ar.order", "2"));
        ArForecaster b = ar(EngineConfig.of(3).with("streamcast.model.ar.order", "2"));
        double[] y = ar2(500, 5);
        for (int t = 0; t < y.length; t++) {
            a.learn(y[t]);
            b.learn(y[t]);
            if (t % 50 == 0) {
                b.learn(Double.NaN);
                b.learn(Double.NEGATIVE_INFINITY);
            }
        }
        assertEquals(20, b.skipped());
        assertEquals(a.forecast(3), b.forecast(3));
    }

    @Test
    void shouldNeverForecastBelowZeroForANonNegativeSeries() {
        ArForecaster ar = ar(EngineConfig.of(24).withSeason(24));
        SplittableRandom rnd = new SplittableRandom(11);
        for (int t = 0; t < 2_000; t++) {
            // intermittent demand: mostly zeros, sometimes a burst
            ar.learn(rnd.nextDouble() < 0.8 ? 0.0 : 5 * rnd.nextDouble());
        }
        Forecast f = ar.forecast(48);
        for (int h = 1; h <= 48; h++) {
            assertTrue(f.mean(h) >= 0 && f.lo(h) >= 0 && f.hi(h) >= f.lo(h), "step " + h + ": " + f);
        }
    }

    @Test
    void shouldLearnMultiplicativeSeasonalityBehindLog() {
        EngineConfig base = EngineConfig.of(24).withSeason(24).with("streamcast.model.ar.order", "2");
        ArForecaster plain = ar(base);
        ArForecaster logDiff = ar(base.with("streamcast.model.ar.transform", "log"));
        SplittableRandom rnd = new SplittableRandom(5);
        double plainErr = 0;
        double logErr = 0;
        Forecast pf = null;
        Forecast lf = null;
        for (int t = 0; t < 3_000; t++) {
            double level = 10 * Math.exp(0.001 * t); // growth whose seasonal swing grows with it
            double v = level * (1 + 0.5 * Math.sin(2 * Math.PI * t / 24)) * Math.exp(0.02 * rnd.nextGaussian());
            if (t > 2_000) {
                plainErr += Math.abs(v - pf.mean(1));
                logErr += Math.abs(v - lf.mean(1));
            }
            plain.learn(v);
            logDiff.learn(v);
            pf = plain.forecast(24);
            lf = logDiff.forecast(24);
        }
        assertTrue(logErr < plainErr, "log " + logErr + " vs plain " + plainErr);
        for (int h = 1; h <= 24; h++) {
            assertTrue(lf.lo(h) > 0 && lf.lo(h) <= lf.mean(h) && lf.mean(h) <= lf.hi(h), "step " + h);
        }
    }

    @Test
    void shouldContinueExactlyAfterSnapshotAndRestore() {
        ArConfig cfg = ArConfig.from(EngineConfig.of(24).withSeason(24).with("streamcast.model.ar.transform", "log"));
        ArForecaster a = new ArForecaster(cfg);
        double[] y = ar2(1_000, 9);
        for (int t = 0; t < 600; t++) {
            a.learn(100 + y[t] + 10 * Math.sin(t * 2 * Math.PI / 24));
        }
        ArForecaster b = ArForecaster.restore(cfg, a.snapshot());
        for (int t = 600; t < 1_000; t++) {
            double v = 100 + y[t] + 10 * Math.sin(t * 2 * Math.PI / 24);
            a.learn(v);
            b.learn(v);
            assertEquals(a.forecast(24), b.forecast(24));
        }
        assertArrayEquals(a.snapshot(), b.snapshot());
    }
}
