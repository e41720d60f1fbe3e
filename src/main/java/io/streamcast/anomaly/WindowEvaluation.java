package io.streamcast.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The windows-based evaluation of the Numenta Anomaly Benchmark over a corpus of scored files.
 * For each profile one threshold is chosen for the whole corpus — the one that maximises the
 * corpus' raw score — and the raw score is normalised so that the null detector (flags nothing)
 * gets 0 and the perfect detector (one detection at the left edge of every window) gets 100.
 *
 * <p>Detections are not simply {@code score ≥ threshold}: each candidate threshold is replayed
 * through the detector's own decision rule, refractory period included, so the evaluation judges
 * the alerts a user would actually receive. With {@code refractory = 0} this is NAB's sweep exactly.
 * When the detector does not learn from flagged points its scores depend on the threshold it ran
 * with, and the replay is then an approximation for other thresholds.
 */
public final class WindowEvaluation {

    /** Candidate thresholds tried exhaustively among the highest distinct scores, then sampled. */
    private static final int EXACT_CANDIDATES = 1500;
    private static final int SAMPLED_CANDIDATES = 500;

    private WindowEvaluation() {
    }

    /** Result of one profile over the corpus. */
    public record Result(Profile profile, double threshold, double score, double nullScore, double perfectScore,
            int windows, int detected, int falseAlarms) {

        /** 100 × (S − S_null) / (S_perfect − S_null); 0 for a corpus without windows. */
        public double normalised() {
            double span = perfectScore - nullScore;
            return span == 0 ? 0 : 100 * (score - nullScore) / span;
        }
    }

    public static List<Result> evaluate(List<LabelledScores> files, int refractory, List<Profile> profiles) {
        if (refractory < 0) {
            throw new IllegalArgumentException("refractory must be ≥ 0, got " + refractory);
        }
        List<FileScorer> scorers = files.stream().map(FileScorer::new).toList();
        Result[] best = new Result[profiles.size()];
        // Flags at a threshold do not depend on the profile: replay once, weight three times.
        // The first candidate flags nothing, so ties resolve to the highest threshold, as in NAB.
        for (double threshold : candidates(files)) {
            List<Result> here = at(scorers, threshold, refractory, profiles);
            for (int p = 0; p < profiles.size(); p++) {
                if (best[p] == null || here.get(p).score() > best[p].score()) {
                    best[p] = here.get(p);
                }
            }
        }
        return List.of(best);
    }

    /** The corpus' results at one given threshold (the detector's configured one), no sweep. */
    public static List<Result> evaluateAt(List<LabelledScores> files, double threshold, int refractory,
            List<Profile> profiles) {
        if (refractory < 0) {
            throw new IllegalArgumentException("refractory must be ≥ 0, got " + refractory);
        }
        return at(files.stream().map(FileScorer::new).toList(), threshold, refractory, profiles);
    }

    private static List<Result> at(List<FileScorer> scorers, double threshold, int refractory, List<Profile> profiles) {
        FileScorer.Tally total = FileScorer.Tally.ZERO;
        for (FileScorer s : scorers) {
            total = total.plus(s.tally(AlertGate.replay(s.scores(), threshold, refractory)));
        }
        List<Result> results = new ArrayList<>(profiles.size());
        for (Profile profile : profiles) {
            results.add(new Result(profile, threshold, total.score(profile), -profile.fn() * total.windows(),
                    profile.tp() * total.windows(), total.windows(), total.hits(), total.falseAlarms()));
        }
        return results;
    }

    /** +∞ (flag nothing), then distinct positive scores from the highest down. */
    static double[] candidates(List<LabelledScores> files) {
        double[] all = files.stream().flatMapToDouble(f -> Arrays.stream(f.scores())).filter(s -> s > 0)
                .sorted().distinct().toArray();
        List<Double> picked = new ArrayList<>();
        picked.add(Double.POSITIVE_INFINITY);
        int exact = Math.min(all.length, EXACT_CANDIDATES);
        for (int i = 0; i < exact; i++) {
            picked.add(all[all.length - 1 - i]);
        }
        int rest = all.length - exact;
        if (rest > 0) {
            int samples = Math.min(rest, SAMPLED_CANDIDATES);
            for (int k = 1; k <= samples; k++) {
                picked.add(all[rest - (int) Math.round((double) k * rest / samples)]);
            }
        }
        return picked.stream().mapToDouble(Double::doubleValue).distinct().toArray();
    }
}
