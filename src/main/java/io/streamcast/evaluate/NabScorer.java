package io.streamcast.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring of the Numenta Anomaly Benchmark v1.1 ({@code nab/sweeper.py}, {@code nab/optimizer.py},
 * {@code nab/runner.py}), exactly:
 * <ul>
 *   <li>the first 15 % of each file's rows, at most 750, are a probation period and are not scored;
 *       a window lying wholly inside it is not scored either;</li>
 *   <li>a row is a detection when its score is at or above the threshold; inside a window only the
 *       best (earliest) detection counts, worth A_TP × σ(position) / σ(−1), σ being NAB's scaled
 *       sigmoid 2/(1 + e^(5x)) − 1 and the position −(right − row + 1)/width; a window without a
 *       detection costs A_FN;</li>
 *   <li>every detection outside the windows costs A_FP — before the first window the full A_FP,
 *       after a window A_FP × σ((row − right)/(width − 1)), which is less for a detection shortly
 *       after the window;</li>
 *   <li>one threshold per profile for the whole corpus: all scores are swept from the highest down
 *       (flagging nothing first) and the threshold with the highest corpus score is kept, the highest
 *       threshold among equals;</li>
 *   <li>normalised = 100 (S − S_null) / (S_perfect − S_null), the null detector scoring every row 0
 *       (swept the same way) and the perfect one earning A_TP for every labelled window.</li>
 * </ul>
 * No refractory period, smoothing or gating of its own: whatever a detector suppresses must be in
 * its scores.
 */
public final class NabScorer {

    private static final double MAX_TP = scaledSigmoid(-1.0);
    /** Marks rows of the probation period in {@link Prepared#windowOf}. */
    private static final int PROBATION = -2;
    private static final int OUTSIDE = -1;

    private NabScorer() {
    }

    /** NAB's probation length: 15 % of the rows, at most 750 (15 % of 5 000). */
    public static int probation(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
    }

    /** NAB's scaled sigmoid: 2/(1 + e^(5x)) − 1, and −1 beyond x = 3. */
    public static double scaledSigmoid(double x) {
        return x > 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * x)) - 1.0;
    }

    /** Sweeps the corpus, chooses one threshold per profile, and reports each profile at it. */
    public static NabReport score(List<LabelledFile> files, List<Profile> profiles) {
        List<Prepared> prepared = files.stream().map(Prepared::new).toList();
        List<NabReport.ProfileResult> results = new ArrayList<>();
        for (Profile p : profiles) {
            double threshold = sweep(prepared, p, false);
            results.add(at(prepared, p, threshold));
        }
        return new NabReport(files.size(), results);
    }

    /** Each profile at one given threshold (a detector's configured one), without a sweep. */
    public static NabReport scoreAt(List<LabelledFile> files, double threshold, List<Profile> profiles) {
        List<Prepared> prepared = files.stream().map(Prepared::new).toList();
        List<NabReport.ProfileResult> results = new ArrayList<>();
        for (Profile p : profiles) {
            results.add(at(prepared, p, threshold));
        }
        return new NabReport(files.size(), results);
    }

    /**
     * The best threshold of the corpus for {@code profile}, as NAB's optimizer finds it ({@code +∞}:
     * flagging nothing is best). With {@code asNull}, every score is taken as 0 (the null detector),
     * and the best raw score is returned instead.
     */
    private static double sweep(List<Prepared> files, Profile profile, boolean asNull) {
        int n = 0;
        int windows = 0;
        for (Prepared f : files) {
            n += f.scoredRows;
            windows += f.file.windows().size();
        }
        double[] score = new double[n];
        double[] weight = new double[n];
        int[] window = new int[n];
        int k = 0;
        int windowBase = 0;
        boolean[] scoredWindow = new boolean[windows];
        for (Prepared f : files) {
            for (int i = f.probation; i < f.file.rows(); i++) {
                score[k] = asNull ? 0.0 : f.file.score(i);
                int w = f.windowOf[i];
                window[k] = w < 0 ? OUTSIDE : windowBase + w;
                weight[k] = w < 0 ? f.unit[i] * profile.fp() : f.unit[i] * profile.tp();
                if (w >= 0) {
                    scoredWindow[windowBase + w] = true;
                }
                k++;
            }
            windowBase += f.file.windows().size();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // NAB sorts by (score, timestamp) descending; rows of one score enter at one threshold
        // together, so their order does not matter to the sums
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        double[] best = new double[windows];
        for (int w = 0; w < windows; w++) {
            best[w] = scoredWindow[w] ? -profile.fn() : 0;
        }
        double fp = 0;
        double bestScore = total(fp, best);
        double bestThreshold = Double.POSITIVE_INFINITY;
        double current = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            int i = order[j];
            if (score[i] != current) {
                double s = total(fp, best);
                if (s > bestScore) {
                    bestScore = s;
                    bestThreshold = current;
                }
                current = score[i];
            }
            if (window[i] == OUTSIDE) {
                fp += weight[i];
            } else {
                best[window[i]] = Math.max(best[window[i]], weight[i]);
            }
        }
        double s = total(fp, best);
        if (s > bestScore) {
            bestScore = s;
            bestThreshold = current;
        }
        return asNull ? bestScore : bestThreshold;
    }

    /** NAB sums the false-alarm part first, then each window's part in order. */
    private static double total(double fp, double[] windows) {
        double s = fp;
        for (double w : windows) {
            s += w;
        }
        return s;
    }

    private static NabReport.ProfileResult at(List<Prepared> files, Profile profile, double threshold) {
        Map<String, List<Prepared>> byCategory = new LinkedHashMap<>();
        for (Prepared f : files) {
            byCategory.computeIfAbsent(f.file.category(), c -> new ArrayList<>()).add(f);
        }
        NabReport.Tally all = tally(files, profile, threshold);
        // the null detector of the corpus, swept as NAB sweeps its "null" results
        double nullScore = sweep(files, profile, true);
        Map<String, NabReport.Tally> categories = new LinkedHashMap<>();
        for (Map.Entry<String, List<Prepared>> e : byCategory.entrySet()) {
            categories.put(e.getKey(), tally(e.getValue(), profile, threshold));
        }
        return new NabReport.ProfileResult(profile, threshold, all, nullScore, categories);
    }

    private static NabReport.Tally tally(List<Prepared> files, Profile profile, double threshold) {
        double score = 0;
        int hits = 0;
        int falseAlarms = 0;
        int scored = 0;
        int windows = 0;
        for (Prepared f : files) {
            double[] best = new double[f.file.windows().size()];
            boolean[] hit = new boolean[best.length];
            double fp = 0;
            for (int i = f.probation; i < f.file.rows(); i++) {
                if (!(f.file.score(i) >= threshold)) {
                    continue;
                }
                int w = f.windowOf[i];
                if (w == OUTSIDE) {
                    fp += f.unit[i] * profile.fp();
                    falseAlarms++;
                } else if (!hit[w] || f.unit[i] * profile.tp() > best[w]) {
                    best[w] = f.unit[i] * profile.tp();
                    hit[w] = true;
                }
            }
            double s = fp;
            for (int w = 0; w < best.length; w++) {
                if (f.scoredWindow[w]) {
                    scored++;
                    s += hit[w] ? best[w] : -profile.fn();
                    hits += hit[w] ? 1 : 0;
                }
            }
            windows += best.length;
            score += s;
        }
        return new NabReport.Tally(score, hits, falseAlarms, scored, windows, profile);
    }

    /** One file's rows classified once: probation, window index, and the unweighted value of a detection. */
    private static final class Prepared {
        final LabelledFile file;
        final int probation;
        final int scoredRows;
        final int[] windowOf;
        final double[] unit;
        final boolean[] scoredWindow;

        Prepared(LabelledFile file) {
            this.file = file;
            int n = file.rows();
            this.probation = Math.min(probation(n), n);
            this.scoredRows = n - probation;
            this.windowOf = new int[n];
            this.unit = new double[n];
            List<LabelledFile.Rows> windows = file.windows();
            this.scoredWindow = new boolean[windows.size()];
            int w = 0;
            LabelledFile.Rows previous = null;
            for (int i = 0; i < n; i++) {
                LabelledFile.Rows current = w < windows.size() && i >= windows.get(w).first() ? windows.get(w) : null;
                if (current != null) {
                    unit[i] = scaledSigmoid(-(double) (current.last() - i + 1) / current.width()) / MAX_TP;
                    windowOf[i] = w;
                    if (i >= probation) {
                        scoredWindow[w] = true;
                    }
                    if (i == current.last()) {
                        previous = current;
                        w++;
                    }
                } else {
                    // NAB divides by (width − 1): a one-row window before a detection gives x = ∞ → −1
                    unit[i] = previous == null ? -1.0
                            : scaledSigmoid(Math.abs(previous.last() - i) / (double) (previous.width() - 1));
                    windowOf[i] = OUTSIDE;
                }
                if (i < probation) {
                    windowOf[i] = PROBATION;
                }
            }
        }
    }
}
