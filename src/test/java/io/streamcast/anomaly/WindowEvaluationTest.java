package io.streamcast.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamcast.anomaly.LabelledScores.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NAB scoring rules on 100-row hand-made files (probation = 15 rows), with expected values
 * worked out by hand from NAB's scaled sigmoid 2/(1 + e^(5x)) − 1 and its maximum at x = −1,
 * 0.986614.
 */
class WindowEvaluationTest {

    private static final double EPS = 1e-6;
    private static final Window WINDOW = new Window(50, 59);

    private static double[] zeros() {
        return new double[100];
    }

    private static FileScorer.Tally tally(int... detectedRows) {
        boolean[] d = new boolean[100];
        for (int r : detectedRows) {
            d[r] = true;
        }
        return new FileScorer(new LabelledScores("f.csv", zeros(), List.of(WINDOW))).tally(d);
    }

    @Test
    void shouldRewardADetectionAtTheLeftEdgeOfAWindowInFull() {
        assertEquals(1.0, tally(50).score(Profile.STANDARD), EPS);
    }

    @Test
    void shouldRewardLaterDetectionsByTheScaledSigmoidOfTheirPosition() {
        // row 55 of 50..59: position −(59 − 55 + 1)/10 = −0.5 → 0.848284 / 0.986614
        assertEquals(0.859793, tally(55).score(Profile.STANDARD), EPS);
        // last row: position −0.1 → 0.244918 / 0.986614
        assertEquals(0.248242, tally(59).score(Profile.STANDARD), EPS);
    }

    @Test
    void shouldCountOnlyTheFirstDetectionInAWindow() {
        FileScorer.Tally t = tally(52, 50, 55, 59);
        assertEquals(1.0, t.score(Profile.STANDARD), EPS);
        assertEquals(1, t.hits());
        assertEquals(0, t.falseAlarms());
    }

    @Test
    void shouldCostAMissedWindowOneFnWeight() {
        assertEquals(-1.0, tally().score(Profile.STANDARD), EPS);
        assertEquals(-2.0, tally().score(Profile.REWARD_LOW_FN), EPS);
    }

    @Test
    void shouldCostAFalseAlarmBeforeAnyWindowOneFpWeight() {
        assertEquals(-1.0 - 0.11, tally(30).score(Profile.STANDARD), EPS);
        assertEquals(-1.0 - 0.22, tally(30).score(Profile.REWARD_LOW_FP), EPS);
    }

    @Test
    void shouldCostAFalseAlarmShortlyAfterAWindowLess() {
        // row 62: 3 rows past the right edge of a 10-row window → x = 3/9 → −0.682262
        assertEquals(1.0 - 0.11 * 0.682262, tally(50, 62).score(Profile.STANDARD), EPS);
        // row 90: x = 31/9 > 3 → the full cost
        assertEquals(1.0 - 0.11, tally(50, 90).score(Profile.STANDARD), EPS);
    }

    @Test
    void shouldIgnoreDetectionsInTheProbationPeriod() {
        assertEquals(15, FileScorer.probation(100));
        assertEquals(604, FileScorer.probation(4033));
        assertEquals(750, FileScorer.probation(22695));
        assertEquals(-1.0, tally(0, 5, 14).score(Profile.STANDARD), EPS);
        assertEquals(-1.0 - 0.11, tally(15).score(Profile.STANDARD), EPS);
    }

    @Test
    void shouldNotCountAWindowThatEndsInTheProbationPeriod() {
        FileScorer.Tally t = new FileScorer(new LabelledScores("f.csv", zeros(), List.of(new Window(5, 10))))
                .tally(new boolean[100]);
        assertEquals(0, t.windows());
        assertEquals(0.0, t.score(Profile.STANDARD), EPS);
    }

    @Test
    void shouldChooseTheThresholdThatMaximisesTheCorpusScore() {
        double[] scores = zeros();
        scores[30] = 0.95; // false alarm before the window: −0.11
        scores[50] = 0.9;  // left edge of the window: +1
        scores[70] = 0.6;  // x = 11/9 after the window: −0.11 × 0.995574
        List<WindowEvaluation.Result> results = WindowEvaluation.evaluate(
                List.of(new LabelledScores("a.csv", scores, List.of(WINDOW))), 0, Profile.published());
        WindowEvaluation.Result standard = results.get(0);
        assertEquals(0.9, standard.threshold());
        assertEquals(1.0 - 0.11, standard.score(), EPS);
        assertEquals(-1.0, standard.nullScore(), EPS);
        assertEquals(1.0, standard.perfectScore(), EPS);
        assertEquals(100 * 1.89 / 2, standard.normalised(), EPS);
        // reward-low-FN: the same threshold, S = 1 − 0.11, null −2, perfect 1 → 100 × 2.89 / 3
        assertEquals(100 * 2.89 / 3, results.get(2).normalised(), EPS);
        // at a fixed threshold of 0.95 only the false alarm is raised: −0.11 − 1
        WindowEvaluation.Result fixed = WindowEvaluation.evaluateAt(
                List.of(new LabelledScores("a.csv", scores, List.of(WINDOW))), 0.95, 0, Profile.published()).get(0);
        assertEquals(-1.11, fixed.score(), EPS);
        assertEquals(1, fixed.falseAlarms());
    }

    @Test
    void shouldPreferFlaggingNothingWhenEveryAlertIsFalse() {
        double[] scores = zeros();
        scores[30] = 0.8;
        WindowEvaluation.Result r = WindowEvaluation.evaluate(
                List.of(new LabelledScores("calm.csv", scores, List.of()), new LabelledScores("w.csv", zeros(),
                        List.of(WINDOW))), 0, List.of(Profile.STANDARD)).get(0);
        assertEquals(Double.POSITIVE_INFINITY, r.threshold());
        assertEquals(0.0, r.normalised(), EPS);
    }

    @Test
    void shouldPoolAllFilesUnderOneThreshold() {
        double[] a = zeros();
        a[50] = 0.7;  // detects a's window only at thresholds ≤ 0.7
        double[] b = zeros();
        b[20] = 0.75; // a false alarm in b at thresholds ≤ 0.75
        b[55] = 0.9;  // b's window at 0.859793
        WindowEvaluation.Result r = WindowEvaluation.evaluate(List.of(new LabelledScores("a.csv", a, List.of(WINDOW)),
                new LabelledScores("b.csv", b, List.of(WINDOW))), 0, List.of(Profile.STANDARD)).get(0);
        // 0.9: 0.859793 − 1 = −0.140207; 0.7: 1 + 0.859793 − 0.11 = 1.749793 → 0.7 wins
        assertEquals(0.7, r.threshold());
        assertEquals(1.749793, r.score(), EPS);
        assertEquals(2, r.detected());
        assertEquals(1, r.falseAlarms());
        assertEquals(100 * (1.749793 + 2) / 4, r.normalised(), 100 * EPS);
    }

    @Test
    void shouldReplayTheRefractoryPeriodForEveryThreshold() {
        double[] scores = zeros();
        scores[20] = 0.9;
        scores[22] = 0.9;
        scores[50] = 0.9;
        // Without refractory: two false alarms and a hit; with 5 rows of silence: one false alarm.
        assertEquals(1 - 0.22, WindowEvaluation.evaluate(List.of(new LabelledScores("a.csv", scores,
                List.of(WINDOW))), 0, List.of(Profile.STANDARD)).get(0).score(), EPS);
        assertEquals(1 - 0.11, WindowEvaluation.evaluate(List.of(new LabelledScores("a.csv", scores,
                List.of(WINDOW))), 5, List.of(Profile.STANDARD)).get(0).score(), EPS);
        // A refractory period long enough to swallow the window costs the hit.
        assertEquals(-1.0, WindowEvaluation.evaluate(List.of(new LabelledScores("a.csv", scores,
                List.of(WINDOW))), 40, List.of(Profile.STANDARD)).get(0).score(), EPS);
    }

    @Test
    void shouldScoreThePerfectDetectorAHundred() {
        double[] scores = zeros();
        scores[50] = 1.0;
        assertEquals(100.0, WindowEvaluation.evaluate(List.of(new LabelledScores("a.csv", scores,
                List.of(WINDOW))), 0, List.of(Profile.REWARD_LOW_FP)).get(0).normalised(), EPS);
    }

    @Test
    void shouldMapTimeWindowsToRowsDespiteRepeatsAndABackwardStep() {
        long[] ts = {10, 20, 20, 30, 25, 40, 50};
        assertEquals(new Window(1, 4), Window.covering(ts, 15, 35));
        assertEquals(new Window(3, 6), Window.covering(ts, 30, 60));
        assertNull(Window.covering(ts, 51, 60));
    }

    @Test
    void shouldRejectOverlappingWindowsNamingTheFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabelledScores("x.csv", zeros(), List.of(new Window(10, 20), new Window(20, 30))));
        assertEquals(true, e.getMessage().contains("x.csv"));
    }

    @Test
    void shouldReplayTheGateLikeTheDetector() {
        assertArrayEquals(new boolean[] {false, true, false, false, true, false},
                AlertGate.replay(new double[] {0.1, 0.6, 0.9, 0.7, 0.5, 0.2}, 0.5, 2));
    }
}
