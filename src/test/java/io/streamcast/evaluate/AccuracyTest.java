package io.streamcast.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccuracyTest {

    @Test
    void shouldScoreSmapeMaseMsisAndCoverageAsM4DefinesThem() {
        Accuracy a = new Accuracy("m", 0.95);
        a.add(10, 12, 11, 13, 2); // below the interval by 1: IS = 2 + (2 / 0.05) * 1 = 42
        a.add(0, 0, -1, 1, 2); // y = f = 0: sMAPE 0; inside: IS = 2
        Accuracy.Scores s = a.scores(null);
        assertEquals((200.0 * 2 / 22 + 0) / 2, s.smape(), 1e-12);
        assertEquals((2.0 / 2 + 0) / 2, s.mase(), 1e-12);
        assertEquals((42.0 / 2 + 2.0 / 2) / 2, s.msis(), 1e-12);
        assertEquals(0.5, s.coverage(), 1e-12);
        assertEquals(2, s.pairs());
        assertTrue(Double.isNaN(s.owa()));
    }

    @Test
    void shouldPenaliseAValueAboveTheIntervalByTwoOverAlpha() {
        Accuracy a = new Accuracy("m", 0.8);
        a.add(15, 10, 9, 11, 4); // above by 4: IS = 2 + (2 / 0.2) * 4 = 42, over scale 4
        assertEquals(42.0 / 4, a.scores(null).msis(), 1e-12);
        assertEquals(0.0, a.scores(null).coverage());
    }

    @Test
    void shouldGiveOwaAsTheMeanOfTheTwoRatiosToNaive2() {
        Accuracy naive2 = new Accuracy("Naive2", 0.95);
        naive2.add(10, 8, Double.NaN, Double.NaN, 1);
        Accuracy model = new Accuracy("m", 0.95);
        model.add(10, 9, Double.NaN, Double.NaN, 1);
        Accuracy.Scores ref = naive2.scores(null);
        Accuracy.Scores s = model.scores(ref);
        assertEquals((200.0 / 19 / (400.0 / 18) + 1.0 / 2) / 2, s.owa(), 1e-12);
        assertEquals(1.0, naive2.scores(ref).owa(), 1e-12);
        assertTrue(Double.isNaN(s.msis()) && Double.isNaN(s.coverage()), "no interval, no interval scores");
    }

    @Test
    void shouldCountMissingForecastsAndLeaveUnscaledSeriesOutOfMase() {
        Accuracy a = new Accuracy("m", 0.95);
        a.add(10, Double.NaN, Double.NaN, Double.NaN, 1);
        a.add(10, 11, 9, 12, 0); // scale 0: in sMAPE and coverage, not in MASE or MSIS
        Accuracy.Scores s = a.scores(null);
        assertEquals(1, s.missing());
        assertEquals(1, s.pairs());
        assertEquals(200.0 / 21, s.smape(), 1e-12);
        assertTrue(Double.isNaN(s.mase()) && Double.isNaN(s.msis()));
        assertEquals(1.0, s.coverage());
    }

    @Test
    void shouldScaleByTheMeanAbsoluteLagMDifferenceOfTheInput() {
        assertEquals(2.0, Accuracy.scale(new double[] {5, 7, 6, 8, 7, 9, 8, 10}, 4));
        assertEquals((2 + 1 + 2 + 1 + 2 + 1 + 2) / 7.0, Accuracy.scale(new double[] {5, 7, 6, 8, 7, 9, 8, 10}, 1), 1e-12);
        assertTrue(Double.isNaN(Accuracy.scale(new double[] {1, 2}, 2)));
    }
}
