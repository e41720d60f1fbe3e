package io.streamcast.anomaly;

/**
 * What the detector said about one observation: the anomaly score in [0, 1] (how unusual the
 * recent residuals are) and the decision taken from it (score ≥ threshold, outside the refractory
 * period of an earlier flag).
 */
public record Verdict(double score, boolean flag) {

    /** The verdict for an observation without an expectation (warm-up) or with a non-finite value. */
    public static final Verdict NONE = new Verdict(0.0, false);

    public Verdict {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("anomaly score must be in [0, 1], got " + score);
        }
    }
}
