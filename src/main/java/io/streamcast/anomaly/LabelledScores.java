package io.streamcast.anomaly;

import java.util.List;
import java.util.Objects;

/**
 * One scored file and its labelled anomaly windows, as row ranges: what the windows-based
 * evaluation needs. Scores are copied in; rows with no score (bad input rows) carry 0.
 */
public record LabelledScores(String name, double[] scores, List<Window> windows) {

    public LabelledScores {
        Objects.requireNonNull(name, "name");
        scores = scores.clone();
        windows = List.copyOf(windows);
        for (int i = 0; i < scores.length; i++) {
            if (!(scores[i] >= 0 && scores[i] <= 1)) {
                throw new IllegalArgumentException(name + ": score of row " + i + " is " + scores[i]
                        + ", expected a number in [0, 1]");
            }
        }
        for (int w = 0; w < windows.size(); w++) {
            Window win = windows.get(w);
            if (win.last() >= scores.length) {
                throw new IllegalArgumentException(name + ": window " + win + " ends past the last row "
                        + (scores.length - 1));
            }
            if (w > 0 && win.first() <= windows.get(w - 1).last()) {
                throw new IllegalArgumentException(name + ": windows " + windows.get(w - 1) + " and " + win
                        + " overlap or are out of order");
            }
        }
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    double score(int row) {
        return scores[row];
    }

    int rows() {
        return scores.length;
    }

    /** Labelled anomaly window: rows {@code first..last}, inclusive, 0-based. */
    public record Window(int first, int last) {
        public Window {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("window rows must satisfy 0 ≤ first ≤ last, got "
                        + first + ".." + last);
            }
        }

        /**
         * The rows a [start, end] time window covers in a file whose rows carry these timestamps:
         * from the first row stamped at or after {@code start} to the last row stamped at or before
         * {@code end}. Rows in between belong to the window whatever their own stamps (a timestamp
         * that goes backwards does not split it). Null when no row falls inside.
         */
        public static Window covering(long[] timestamps, long start, long end) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < timestamps.length; i++) {
                if (first < 0 && timestamps[i] >= start) {
                    first = i;
                }
                if (timestamps[i] <= end) {
                    last = i;
                }
            }
            return first < 0 || last < first ? null : new Window(first, last);
        }
    }
}
