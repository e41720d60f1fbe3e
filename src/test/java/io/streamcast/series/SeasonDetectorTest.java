package io.streamcast.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seasonal periods found from a series' own history, on generated series whose periods are known. */
class SeasonDetectorTest {

    /** Level 100, a trend, noise, and a sine for each period given (amplitudes decreasing). */
    private static double[] series(int n, long seed, double noise, int... periods) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            double v = 100 + 0.01 * t + noise * rnd.nextGaussian();
            for (int i = 0; i < periods.length; i++) {
                v += 10.0 / (i + 1) * Math.sin(2 * Math.PI * t / periods[i] + i);
            }
            x[t] = v;
        }
        return x;
    }

    private static SeasonDetector fed(double[] x) {
        SeasonDetector d = new SeasonDetector(1008, 2);
        for (double v : x) {
            d.observe(v);
        }
        return d;
    }

    @Test
    void shouldFindOnePeriodInANoisyDailyCycle() {
        assertArrayEquals(new int[] {24}, fed(series(2_000, 1, 3.0, 24)).periods());
    }

    @Test
    void shouldFindADailyAndAWeeklyCycleInHourlyData() {
        // a day whose shape differs on weekends, as hourly demand does: 24 first, then 168 standing out
        SplittableRandom rnd = new SplittableRandom(2);
        double[] x = new double[3_000];
        for (int t = 0; t < x.length; t++) {
            boolean weekend = (t / 24) % 7 >= 5;
            x[t] = 50 + 10 * Math.sin(2 * Math.PI * t / 24) + (weekend ? -15 : 0) + 2 * rnd.nextGaussian();
        }
        assertArrayEquals(new int[] {24, 168}, fed(x).periods());
    }

    @Test
    void shouldFindAPeriodOfFiftyTwoInWeeklyDataWithinSixYears() {
        // the 90 % test weighs a peak against the autocorrelation below it: a clean yearly sine passes once
        // n is about six cycles (five are not enough here), three being the least the detector looks at
        double[] x = series(52 * 6, 3, 1.0, 52);
        assertArrayEquals(new int[] {52}, fed(x).periods());
    }

    @Test
    void shouldFindNoneInWhiteNoiseARandomWalkOrATrend() {
        SplittableRandom rnd = new SplittableRandom(4);
        double[] noise = new double[2_000];
        double[] walk = new double[2_000];
        double[] trend = new double[2_000];
        double w = 0;
        for (int t = 0; t < noise.length; t++) {
            noise[t] = rnd.nextGaussian();
            w += rnd.nextGaussian();
            walk[t] = w;
            trend[t] = 3 * t + rnd.nextGaussian();
        }
        assertArrayEquals(new int[0], fed(noise).periods(), "white noise");
        assertArrayEquals(new int[0], fed(walk).periods(), "random walk");
        assertArrayEquals(new int[0], fed(trend).periods(), "trend");
    }

    @Test
    void shouldRevisitThePeriodsAsTheSeriesChanges() {
        double[] daily = series(1_500, 5, 1.0, 24);
        double[] twelve = series(2_500, 6, 1.0, 12);
        SeasonDetector d = fed(daily);
        assertArrayEquals(new int[] {24}, d.periods());
        boolean changed = false;
        for (double v : twelve) {
            changed |= d.observe(v);
        }
        assertTrue(changed, "a change of period is reported");
        assertArrayEquals(new int[] {12}, d.periods());
    }

    @Test
    void shouldNotLookBeforeThreeCyclesOfAPeriod() {
        SeasonDetector d = fed(series(2 * 168, 7, 0.5, 168));
        assertFalse(d.periods().length > 0 && d.periods()[0] == 168, "168 needs 504 values");
    }

    @Test
    void shouldContinueExactlyAfterWriteAndRead() throws Exception {
        double[] x = series(3_000, 8, 2.0, 24);
        SeasonDetector a = new SeasonDetector(1008, 2);
        for (int t = 0; t < 1_700; t++) {
            a.observe(x[t]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeTo(new DataOutputStream(bytes));
        SeasonDetector b = new SeasonDetector(1008, 2);
        b.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (int t = 1_700; t < x.length; t++) {
            assertTrue(a.observe(x[t]) == b.observe(x[t]));
            assertArrayEquals(a.periods(), b.periods());
        }
        assertArrayEquals(a.history(), b.history());
    }
}
