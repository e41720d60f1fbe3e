package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NaiveForecasterTest {
    private static final IntervalConfig INTERVALS = new IntervalConfig(0.9, 50, 0.005, 10);

    @Test
    void shouldRepeatLastSeasonAndFallBackToLastValueBeforeAFullSeason() {
        NaiveForecaster f = new NaiveForecaster(3, 7, INTERVALS);
        f.learn(1);
        f.learn(2);
        assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2, 2}, f.forecast(7).mean());
        f.learn(3);
        f.learn(4);
        // last season is 2, 3, 4: step h repeats the value one season before it
        assertArrayEquals(new double[] {2, 3, 4, 2, 3, 4, 2}, f.forecast(7).mean());
        assertArrayEquals(new double[] {2, 3, 4, 2, 3, 4, 2, 3, 4}, f.forecast(9).mean());
    }

    @Test
    void shouldGiveIntervalsOnceErrorsAreSettledAndRoundTrip() {
        NaiveForecaster f = new NaiveForecaster(1, 2, INTERVALS);
        for (int t = 0; t < 12; t++) { // 11 settled 1-step errors, 10 settled 2-step errors
            f.learn(t % 2 == 0 ? 0 : 1); // every 1-step error is 1, every 2-step error 0
        }
        Forecast fc = f.forecast(2);
        // constant errors of 1: the Gaussian start (≈ 2.06 × the mean error) covers them all; errors of 0: no width
        double w1 = fc.hi(1) - fc.mean(1);
        assertTrue(w1 >= 1.0 && w1 < 2.1, "step 1 half-width " + w1);
        assertEquals(0.0, fc.hi(2) - fc.mean(2));
        assertTrue(fc.lo(1) >= 0, "never-negative series, never-negative bounds");
        NaiveForecaster r = NaiveForecaster.restore(1, 2, INTERVALS, f.snapshot());
        f.learn(5);
        r.learn(5);
        assertEquals(f.forecast(2), r.forecast(2));
    }
}
