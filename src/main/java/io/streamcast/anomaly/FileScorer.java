package io.streamcast.anomaly;

import java.util.List;

/**
 * Scores one file's detections the way the Numenta Anomaly Benchmark does (nab/sweeper.py):
 * rows in the probation period (the first 15 %, at most 750 rows) are not scored; inside a window
 * only the first detection counts, rewarded by a scaled sigmoid of its position (1 at the left
 * edge, about 0 at the right); a detection outside every window costs up to one FP weight, less
 * when it falls shortly after a window; an undetected window costs one FN weight.
 */
final class FileScorer {

    private static final double MAX_TP = scaledSigmoid(-1.0);

    private final LabelledScores file;
    private final double[] scores;
    private final int probation;
    /** Window index of each row, or -1 outside every window. */
    private final int[] windowOf;
    /** Unweighted reward (in a window, > 0) or cost (outside, ≤ 0) of a detection at each row. */
    private final double[] unit;
    private final int windowsScored;

    FileScorer(LabelledScores file) {
        this.file = file;
        this.scores = file.scores();
        int n = file.rows();
        this.probation = probation(n);
        this.windowOf = new int[n];
        this.unit = new double[n];
        List<LabelledScores.Window> windows = file.windows();
        int scored = 0;
        for (LabelledScores.Window w : windows) {
            if (w.last() >= probation) {
                scored++;
            }
        }
        this.windowsScored = scored;
        int w = 0;
        LabelledScores.Window previous = null;
        for (int i = 0; i < n; i++) {
            LabelledScores.Window current = w < windows.size() ? windows.get(w) : null;
            if (current != null && i >= current.first()) {
                double width = current.last() - current.first() + 1;
                windowOf[i] = w;
                unit[i] = scaledSigmoid(-(current.last() - i + 1) / width) / MAX_TP;
                if (i == current.last()) {
                    previous = current;
                    w++;
                }
            } else {
                windowOf[i] = -1;
                unit[i] = previous == null || previous.last() == previous.first() ? -1.0
                        : scaledSigmoid((double) (i - previous.last()) / (previous.last() - previous.first()));
            }
        }
    }

    /** NAB's probation length: 15 % of the rows, at most 750. */
    static int probation(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 750);
    }

    /** NAB's scaled sigmoid: 2·σ(−5x) − 1, and −1 beyond x = 3. */
    static double scaledSigmoid(double x) {
        return x > 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * x)) - 1.0;
    }

    LabelledScores file() {
        return file;
    }

    /** The file's scores, not copied: the sweep replays them for every candidate threshold. */
    double[] scores() {
        return scores;
    }

    /** Tallies a detection series; the caller weights it per profile. */
    Tally tally(boolean[] detections) {
        boolean[] detected = new boolean[file.windows().size()];
        double reward = 0;
        double cost = 0;
        int hits = 0;
        int falseAlarms = 0;
        for (int i = probation; i < detections.length; i++) {
            if (!detections[i]) {
                continue;
            }
            int w = windowOf[i];
            if (w < 0) {
                cost += unit[i];
                falseAlarms++;
            } else if (!detected[w]) {
                detected[w] = true;
                reward += unit[i];
                hits++;
            }
        }
        return new Tally(reward, cost, hits, falseAlarms, windowsScored);
    }

    /**
     * Detection tallies of one file (or a corpus, summed): the sum of first-detection rewards, the
     * sum of (negative) false-alarm costs, windows detected, false alarms, windows scored.
     */
    record Tally(double reward, double cost, int hits, int falseAlarms, int windows) {
        static final Tally ZERO = new Tally(0, 0, 0, 0, 0);

        Tally plus(Tally o) {
            return new Tally(reward + o.reward, cost + o.cost, hits + o.hits, falseAlarms + o.falseAlarms,
                    windows + o.windows);
        }

        double score(Profile p) {
            return p.tp() * reward + p.fp() * cost - p.fn() * (windows - hits);
        }
    }
}
