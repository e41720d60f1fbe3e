package io.streamcast.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.evaluate.LabelledFile.Rows;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NAB v1.1 scoring rules on 100-row hand-made files (probation = 15 rows), with expected values
 * worked out by hand from NAB's scaled sigmoid 2/(1 + e^(5x)) − 1 and its maximum at x = −1,
 * 0.986614. Detections are set by giving rows a score; the sweep then finds the threshold.
 */
class NabScorerTest {

    private static final double EPS = 1e-6;
    private static final Rows WINDOW = new Rows(50, 59);

    private static double[] zeros() {
        return new double[100];
    }

    /** The standard profile's raw score of one file whose given rows score 1 (all others 0), at threshold 0.5. */
    private static NabReport.Tally at(Profile p, int... detectedRows) {
        double[] s = zeros();
        for (int r : detectedRows) {
            s[r] = 1.0;
        }
        return NabScorer.scoreAt(List.of(LabelledFile.ofRows("c/f.csv", s, List.of(WINDOW))), 0.5, List.of(p))
                .profiles().get(0).corpus();
    }

    @Test
    void shouldRewardADetectionAtTheLeftEdgeOfAWindowInFull() {
        assertEquals(1.0, at(Profile.STANDARD, 50).score(), EPS);
    }

    @Test
    void shouldRewardLaterDetectionsByTheScaledSigmoidOfTheirPosition() {
        // row 55 of 50..59: position −(59 − 55 + 1)/10 = −0.5 → 0.848284 / 0.986614
        assertEquals(0.859793, at(Profile.STANDARD, 55).score(), EPS);
        // last row: position −0.1 → 0.244918 / 0.986614
        assertEquals(0.248242, at(Profile.STANDARD, 59).score(), EPS);
    }

    @Test
    void shouldCountOnlyTheFirstDetectionInAWindowAndNoOtherAsAFalseAlarm() {
        NabReport.Tally t = at(Profile.STANDARD, 52, 50, 55, 59);
        assertEquals(1.0, t.score(), EPS);
        assertEquals(1, t.hits());
        assertEquals(0, t.falseAlarms());
    }

    @Test
    void shouldCostAMissedWindowOneFnWeight() {
        assertEquals(-1.0, at(Profile.STANDARD).score(), EPS);
        assertEquals(-2.0, at(Profile.REWARD_LOW_FN).score(), EPS);
    }

    @Test
    void shouldCostAFalseAlarmBeforeAnyWindowOneFpWeight() {
        assertEquals(-1.0 - 0.11, at(Profile.STANDARD, 30).score(), EPS);
        assertEquals(-1.0 - 0.22, at(Profile.REWARD_LOW_FP, 30).score(), EPS);
    }

    @Test
    void shouldCostAFalseAlarmShortlyAfterAWindowLess() {
        // row 62: 3 rows past the right edge of a 10-row window → x = 3/9 → −0.682262
        assertEquals(1.0 - 0.11 * 0.682262, at(Profile.STANDARD, 50, 62).score(), EPS);
        // row 90: x = 31/9 > 3 → the full cost
        assertEquals(1.0 - 0.11, at(Profile.STANDARD, 50, 90).score(), EPS);
    }

    @Test
    void shouldCountEveryRowAtOrAboveTheThresholdWithoutARefractoryPeriod() {
        // three neighbouring false alarms cost three times: the benchmark has no refractory period
        assertEquals(-1.0 - 3 * 0.11, at(Profile.STANDARD, 20, 21, 22).score(), EPS);
        assertEquals(3, at(Profile.STANDARD, 20, 21, 22).falseAlarms());
    }

    @Test
    void shouldIgnoreDetectionsInTheProbationPeriod() {
        assertEquals(15, NabScorer.probation(100));
        assertEquals(604, NabScorer.probation(4032));
        assertEquals(750, NabScorer.probation(22695));
        assertEquals(-1.0, at(Profile.STANDARD, 0, 5, 14).score(), EPS);
        assertEquals(-1.0 - 0.11, at(Profile.STANDARD, 15).score(), EPS);
    }

    @Test
    void shouldNotScoreAWindowInsideTheProbationPeriodButPayThePerfectDetectorForIt() {
        NabReport.ProfileResult r = NabScorer.score(List.of(LabelledFile.ofRows("c/f.csv", zeros(),
                List.of(new Rows(5, 10)))), List.of(Profile.STANDARD)).profiles().get(0);
        assertEquals(0, r.corpus().scored());
        assertEquals(1, r.corpus().windows());
        assertEquals(0.0, r.corpus().score(), EPS);
        assertEquals(0.0, r.normalised(), EPS); // (0 − 0) / (1 − 0)
    }

    @Test
    void shouldChooseTheThresholdThatMaximisesTheCorpusScore() {
        double[] scores = zeros();
        scores[30] = 0.95; // false alarm before the window: −0.11
        scores[50] = 0.9;  // left edge of the window: +1
        scores[70] = 0.6;  // x = 11/9 after the window: −0.11 × 0.995574
        NabReport report = NabScorer.score(List.of(LabelledFile.ofRows("c/a.csv", scores, List.of(WINDOW))),
                Profile.published());
        NabReport.ProfileResult standard = report.profile(Profile.STANDARD);
        assertEquals(0.9, standard.threshold());
        assertEquals(1.0 - 0.11, standard.corpus().score(), EPS);
        assertEquals(-1.0, standard.nullScore(), EPS);
        assertEquals(100 * 1.89 / 2, standard.normalised(), EPS);
        // reward-low-FN: the same threshold, S = 1 − 0.11, null −2, perfect 1 → 100 × 2.89 / 3
        assertEquals(100 * 2.89 / 3, report.profile(Profile.REWARD_LOW_FN).normalised(), EPS);
        // at a fixed threshold of 0.95 only the false alarm is raised: −0.11 − 1
        NabReport.Tally fixed = NabScorer.scoreAt(List.of(LabelledFile.ofRows("c/a.csv", scores, List.of(WINDOW))),
                0.95, List.of(Profile.STANDARD)).profiles().get(0).corpus();
        assertEquals(-1.11, fixed.score(), EPS);
        assertEquals(1, fixed.falseAlarms());
    }

    @Test
    void shouldPreferTheHighestThresholdAmongEqualScores() {
        double[] scores = zeros();
        scores[50] = 0.9;
        scores[51] = 0.8; // adds nothing: the window is already detected at 0.9
        NabReport.ProfileResult r = NabScorer.score(List.of(LabelledFile.ofRows("c/a.csv", scores, List.of(WINDOW))),
                List.of(Profile.STANDARD)).profiles().get(0);
        assertEquals(0.9, r.threshold());
    }

    @Test
    void shouldPreferFlaggingNothingWhenEveryAlertIsFalse() {
        double[] scores = zeros();
        scores[30] = 0.8;
        NabReport.ProfileResult r = NabScorer.score(List.of(LabelledFile.ofRows("c/calm.csv", scores, List.of()),
                LabelledFile.ofRows("c/w.csv", zeros(), List.of(WINDOW))), List.of(Profile.STANDARD)).profiles().get(0);
        assertEquals(Double.POSITIVE_INFINITY, r.threshold());
        assertEquals(0.0, r.normalised(), EPS);
    }

    @Test
    void shouldPoolAllFilesUnderOneThresholdAndReportCategories() {
        double[] a = zeros();
        a[50] = 0.7;  // detects a's window only at thresholds ≤ 0.7
        double[] b = zeros();
        b[20] = 0.75; // a false alarm in b at thresholds ≤ 0.75
        b[55] = 0.9;  // b's window at 0.859793
        NabReport.ProfileResult r = NabScorer.score(List.of(LabelledFile.ofRows("x/a.csv", a, List.of(WINDOW)),
                LabelledFile.ofRows("y/b.csv", b, List.of(WINDOW))), List.of(Profile.STANDARD)).profiles().get(0);
        // 0.9: 0.859793 − 1 = −0.140207; 0.7: 1 + 0.859793 − 0.11 = 1.749793 → 0.7 wins
        assertEquals(0.7, r.threshold());
        assertEquals(1.749793, r.corpus().score(), EPS);
        assertEquals(2, r.corpus().hits());
        assertEquals(1, r.corpus().falseAlarms());
        assertEquals(100 * (1.749793 + 2) / 4, r.normalised(), 100 * EPS);
        assertEquals(100.0, r.categories().get("x").normalised(), EPS);
        assertEquals(100 * (0.859793 - 0.11 + 1) / 2, r.categories().get("y").normalised(), 100 * EPS);
    }

    @Test
    void shouldScoreThePerfectDetectorAHundred() {
        double[] scores = zeros();
        scores[50] = 1.0;
        assertEquals(100.0, NabScorer.score(List.of(LabelledFile.ofRows("c/a.csv", scores, List.of(WINDOW))),
                List.of(Profile.REWARD_LOW_FP)).profiles().get(0).normalised(), EPS);
    }

    @Test
    void shouldMapTimeWindowsToRowsAsNabDoesDespiteRepeatsAndABackwardStep() {
        long[] ts = {10, 20, 20, 30, 25, 40, 50};
        double[] s = new double[ts.length];
        // exact stamps: the first row at the start, the first row at the end
        assertEquals(List.of(new Rows(1, 3)), LabelledFile.of("c/f.csv", ts, s, List.of(new TimeWindow(20, 30))).windows());
        // stamps between rows: first at or after the start, last at or before the end
        assertEquals(List.of(new Rows(1, 4)), LabelledFile.of("c/f.csv", ts, s, List.of(new TimeWindow(15, 35))).windows());
        LabelledFile none = LabelledFile.of("c/f.csv", ts, s, List.of(new TimeWindow(51, 60)));
        assertEquals(List.of(), none.windows());
        assertEquals(List.of(new TimeWindow(51, 60)), none.dropped());
    }

    @Test
    void shouldRejectOverlappingWindowsNamingTheFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelledFile.ofRows("c/x.csv", zeros(), List.of(new Rows(10, 20), new Rows(20, 30))));
        assertTrue(e.getMessage().contains("c/x.csv"));
    }
}
