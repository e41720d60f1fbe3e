package io.streamcast.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One result file of a detector and its labelled windows, as the benchmark reads them: one anomaly
 * score per data row, in row order, and the windows as row ranges.
 *
 * <p>Windows are mapped to rows the way NAB's sweeper does: a window starts at the first row stamped
 * exactly at its start and ends at the first row stamped exactly at its end (NAB's labels always
 * name stamps of the data). Labels made by hand need not: then the window starts at the first row
 * stamped at or after its start and ends at the last row (after that) stamped at or before its end.
 * A window covering no row is dropped and reported by {@link #dropped()}.
 *
 * @param key    the labels key, {@code CATEGORY/FILE.csv}
 * @param scores one finite score per row
 */
public record LabelledFile(String key, double[] scores, List<Rows> windows, List<TimeWindow> dropped) {

    /** Rows {@code first..last} (0-based, inclusive) of one labelled window. */
    public record Rows(int first, int last) {
        public Rows {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("window rows must satisfy 0 ≤ first ≤ last, got " + first + ".." + last);
            }
        }

        int width() {
            return last - first + 1;
        }
    }

    public LabelledFile {
        Objects.requireNonNull(key, "key");
        scores = scores.clone();
        windows = List.copyOf(windows);
        dropped = List.copyOf(dropped);
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException(key + ": the score of row " + i + " is " + scores[i]
                        + ", expected a finite number");
            }
        }
        for (int w = 0; w < windows.size(); w++) {
            Rows r = windows.get(w);
            if (r.last() >= scores.length) {
                throw new IllegalArgumentException(key + ": window " + r + " ends past the last row " + (scores.length - 1));
            }
            if (w > 0 && r.first() <= windows.get(w - 1).last()) {
                throw new IllegalArgumentException(key + ": windows " + windows.get(w - 1) + " and " + r
                        + " overlap or are out of order");
            }
        }
    }

    /** A file whose windows are given as row ranges (tests, or a caller that mapped them itself). */
    public static LabelledFile ofRows(String key, double[] scores, List<Rows> windows) {
        return new LabelledFile(key, scores, windows, List.of());
    }

    /** A file whose rows carry {@code timestamps}, with windows given as times (see the class comment). */
    public static LabelledFile of(String key, long[] timestamps, double[] scores, List<TimeWindow> windows) {
        if (timestamps.length != scores.length) {
            throw new IllegalArgumentException(key + ": " + timestamps.length + " timestamps but " + scores.length
                    + " scores");
        }
        List<TimeWindow> sorted = new ArrayList<>(windows);
        sorted.sort((a, b) -> Long.compare(a.start(), b.start()));
        List<Rows> rows = new ArrayList<>();
        List<TimeWindow> dropped = new ArrayList<>();
        int from = 0;
        for (TimeWindow w : sorted) {
            Rows r = rows(timestamps, from, w);
            if (r == null) {
                dropped.add(w);
            } else {
                rows.add(r);
                from = r.last() + 1;
            }
        }
        return new LabelledFile(key, scores, rows, dropped);
    }

    private static Rows rows(long[] ts, int from, TimeWindow w) {
        int first = -1;
        for (int i = from; i < ts.length && first < 0; i++) {
            if (ts[i] == w.start()) {
                first = i;
            }
        }
        for (int i = from; i < ts.length && first < 0; i++) {
            if (ts[i] >= w.start()) {
                first = i;
            }
        }
        if (first < 0) {
            return null;
        }
        for (int i = first; i < ts.length; i++) {
            if (ts[i] == w.end()) {
                return new Rows(first, i);
            }
        }
        int last = -1;
        for (int i = first; i < ts.length; i++) {
            if (ts[i] <= w.end()) {
                last = i;
            }
        }
        return last < 0 ? null : new Rows(first, last);
    }

    /** The category: the part of the key before its last '/', or "" for a key without one. */
    public String category() {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    int rows() {
        return scores.length;
    }

    double score(int row) {
        return scores[row];
    }
}
