package io.streamcast.evaluate;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * What {@link NabScorer} found: per profile, the threshold, the corpus' raw and normalised score,
 * and the same per category at that threshold.
 */
public record NabReport(int files, List<ProfileResult> profiles) {

    public NabReport {
        profiles = List.copyOf(profiles);
    }

    /**
     * Detections of a set of files at one threshold under one profile.
     *
     * @param score        raw score S
     * @param hits         scored windows with a detection
     * @param falseAlarms  detections outside every window (after probation)
     * @param scored       windows scored (not wholly inside a probation period)
     * @param windows      labelled windows, scored or not (what the perfect detector is paid for)
     */
    public record Tally(double score, int hits, int falseAlarms, int scored, int windows, Profile profile) {

        /** The null detector's score on these files: every scored window missed. */
        public double nullScore() {
            return -profile.fn() * scored;
        }

        public double perfectScore() {
            return profile.tp() * windows;
        }

        /** 100 (S − S_null) / (S_perfect − S_null), against the null detector's score given. */
        double normalised(double nullScore) {
            double span = perfectScore() - nullScore;
            return span == 0 ? Double.NaN : 100 * (score - nullScore) / span;
        }

        /** Normalised against this set's own null detector (NaN for files without windows). */
        public double normalised() {
            return normalised(nullScore());
        }
    }

    /** One profile: its threshold (+∞ when flagging nothing is best), the corpus tally and each category's. */
    public record ProfileResult(Profile profile, double threshold, Tally corpus, double nullScore,
            Map<String, Tally> categories) {

        public ProfileResult {
            categories = Map.copyOf(categories);
        }

        /** The corpus' normalised score, against the null detector swept as NAB sweeps it. */
        public double normalised() {
            return corpus.normalised(nullScore);
        }
    }

    public ProfileResult profile(Profile p) {
        for (ProfileResult r : profiles) {
            if (r.profile().equals(p)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no result for profile " + p.name());
    }

    /** The corpus table, then the per-category table, as the commands print them. */
    public void print(PrintWriter out, List<String> categoryOrder) {
        out.printf("%-20s %10s %11s %10s %9s %7s %12s%n", "profile", "threshold", "raw_score", "normalised",
                "detected", "missed", "false_alarms");
        for (ProfileResult r : profiles) {
            Tally t = r.corpus();
            out.printf("%-20s %10s %11.4f %10.2f %9d %7d %12d%n", r.profile().name(), threshold(r.threshold()),
                    t.score(), r.normalised(), t.hits(), t.scored() - t.hits(), t.falseAlarms());
        }
        if (categoryOrder.size() > 1) {
            out.printf("per category, at each profile's threshold (normalised; '-' where a category has no window):%n");
            StringBuilder head = new StringBuilder(String.format("%-28s %7s %12s", "category", "windows", "false_alarms"));
            for (ProfileResult r : profiles) {
                head.append(String.format(" %19s", r.profile().name()));
            }
            out.println(head);
            for (String c : categoryOrder) {
                Tally first = profiles.get(0).categories().get(c);
                StringBuilder line = new StringBuilder(String.format("%-28s %7d %12d", c, first.windows(),
                        first.falseAlarms()));
                for (ProfileResult r : profiles) {
                    double n = r.categories().get(c).normalised();
                    line.append(Double.isNaN(n) ? String.format(" %19s", "-") : String.format(" %19.2f", n));
                }
                out.println(line);
            }
        }
    }

    static String threshold(double t) {
        return Double.isInfinite(t) ? "none" : String.format("%.6f", t);
    }
}
