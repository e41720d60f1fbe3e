package io.streamcast.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Naive2 against figures worked out by hand from the M4 R code's definitions (SeasonalityTest,
 * decompose(type = "multiplicative"), naive of the adjusted series times the last cycle's figure).
 * The series are those of src/test/resources/evaluate/quarterly-train.csv.
 */
class Naive2Test {
    /** x_t = p(t mod 4) + 0.5·t with p = 10, 20, 30, 20: a pattern on a linear trend, 16 values. */
    static final double[] S = {10, 20.5, 31, 21.5, 12, 22.5, 33, 23.5, 14, 24.5, 35, 25.5, 16, 26.5, 37, 27.5};
    /** The same pattern, one higher each cycle, only 12 values: the test rejects it. */
    static final double[] R = {10, 20, 30, 20, 11, 21, 31, 21, 12, 22, 32, 22};

    @Test
    void shouldFindTheMultiplicativeFigureOfAPatternOnATrendAsWorkedOutByHand() {
        // The 2x4 centred average of a linear trend plus a period-4 pattern is the trend plus the pattern's
        // mean: trend_t = 20 + 0.5 t, for t = 2..13. Ratios x_t / trend_t by phase:
        //   phase 0 (t = 4, 8, 12): 12/22, 14/24, 16/26;  phase 1 (t = 5, 9, 13): 1, 1, 1;
        //   phase 2 (t = 2, 6, 10): 31/21, 33/23, 35/25;  phase 3 (t = 3, 7, 11): 1, 1, 1.
        double p0 = (12.0 / 22 + 14.0 / 24 + 16.0 / 26) / 3;
        double p2 = (31.0 / 21 + 33.0 / 23 + 35.0 / 25) / 3;
        double mean = (p0 + 1 + p2 + 1) / 4;
        double[] figure = {p0 / mean, 1 / mean, p2 / mean, 1 / mean};
        assertArrayEquals(figure, Naive2.figure(S, 4), 1e-12);
        // The last value (27.5, phase 3) adjusted, then re-seasonalised for phases 0, 1, 2, 3.
        double level = 27.5 / figure[3];
        double[] expected = {level * figure[0], level * figure[1], level * figure[2], level * figure[3], level * figure[0]};
        assertArrayEquals(expected, Naive2.forecast(S, 4, 5), 1e-9);
        assertEquals(15.988247863247864, expected[0], 1e-12); // as the independent transcription of the R code gives
    }

    @Test
    void shouldMirrorTheM4NinetyPercentTestOnBothSides() {
        // R: mean 21, deviations -11 -1 9 -1 -10 0 10 0 -9 1 11 1; c0 = 608.
        // r4 = (110 + 0 + 90 + 0 + 90 + 0 + 110 + 0) / 608 = 400 / 608.
        double[] r = Naive2.acf(R, 4);
        assertEquals(400.0 / 608, r[4], 1e-12);
        assertEquals(-476.0 / 608, r[2], 1e-12); // -99 -1 -100 +1 -90 +1 -99 -1 -90 +1 = -476 (the lag-2 products)
        double limit = 1.645 / Math.sqrt(12) * Math.sqrt(1 + 2 * (r[1] * r[1] + r[2] * r[2] + r[3] * r[3]));
        assertTrue(r[4] < limit, r[4] + " vs " + limit); // 0.658 < 0.709: three cycles are not enough
        assertFalse(Naive2.seasonal(R, 4));
        assertArrayEquals(new double[] {22, 22, 22}, Naive2.forecast(R, 4, 3)); // plain naive
        assertTrue(Naive2.seasonal(S, 4)); // 0.709 > 0.575
        assertFalse(Naive2.seasonal(Arrays.copyOf(S, 11), 4), "fewer than 3m values are never seasonal");
        assertFalse(Naive2.seasonal(S, 1), "m = 1 is never seasonal");
    }

    @Test
    void shouldNotTestAPeriodBeyondTheDefaultLagMaxOfRsAcf() {
        // R's acf stops at floor(10 log10 n): lag 24 is there from n = 252 on; before, r_24 is NA and
        // the M4 code says "not seasonal", however clear the cycle.
        assertEquals(23, Naive2.lagMax(251));
        assertEquals(24, Naive2.lagMax(252));
        double[] daily = new double[252];
        for (int t = 0; t < daily.length; t++) {
            daily[t] = 100 + 30 * Math.sin(2 * Math.PI * t / 24);
        }
        assertTrue(Naive2.seasonal(daily, 24));
        assertFalse(Naive2.seasonal(Arrays.copyOf(daily, 251), 24));
        assertFalse(Naive2.seasonal(daily, 52), "52 needs n >= 158 490");
    }

    @Test
    void shouldFallBackToNaiveWhenTheFigureIsNotPositive() {
        double[] x = new double[16];
        for (int t = 0; t < 16; t++) {
            x[t] = new double[] {-10, 20, 30, 20}[t % 4] + 0.5 * t;
        }
        assertTrue(Naive2.seasonal(x, 4));
        assertNull(Naive2.figure(x, 4));
        assertArrayEquals(new double[] {27.5, 27.5}, Naive2.forecast(x, 4, 2));
    }

    @Test
    void shouldForecastOnlineAsFromScratchAtEveryOrigin() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int m : new int[] {1, 4, 7, 12, 24}) {
            Naive2.Online online = new Naive2.Online(m);
            double[] x = new double[400];
            int seasonalOrigins = 0;
            for (int t = 0; t < x.length; t++) {
                x[t] = 1000 + 2 * t + 200 * Math.sin(2 * Math.PI * t / m) + 60 * rnd.nextGaussian();
                online.add(x[t]);
                double[] prefix = Arrays.copyOf(x, t + 1);
                boolean seasonal = Naive2.seasonal(prefix, m);
                assertEquals(seasonal, online.seasonal(), "m " + m + ", n " + (t + 1));
                seasonalOrigins += seasonal ? 1 : 0;
                double[] expected = Naive2.forecast(prefix, m, 9);
                double[] got = online.forecast(9);
                for (int h = 0; h < 9; h++) {
                    assertEquals(expected[h], got[h], 1e-9 * Math.abs(expected[h]), "m " + m + ", n " + (t + 1) + ", step " + (h + 1));
                }
            }
            if (m > 1) {
                assertTrue(seasonalOrigins > 100, "m " + m + ": the adjusted branch is exercised, " + seasonalOrigins);
            }
        }
    }
}
