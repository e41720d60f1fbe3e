package io.streamcast.anomaly;

/**
 * What the detector said about one observation: the anomaly score in [0, 1], the flag (score ≥ the
 * configured threshold) and the reason — the kind of departure that dominated the score — or null
 * when nothing about the observation was unusual (score 0).
 */
public record Verdict(double score, boolean flag, Reason reason) {

    /** The verdict for an observation without an expectation (warm-up) or with a non-finite value. */
    public static final Verdict NONE = new Verdict(0.0, false, null);

    public Verdict {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("anomaly score must be in [0, 1], got " + score);
        }
        if (flag && reason == null) {
            throw new IllegalArgumentException("a flagged verdict needs a reason");
        }
    }
}
