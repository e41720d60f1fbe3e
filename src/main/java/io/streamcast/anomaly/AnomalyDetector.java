package io.streamcast.anomaly;

/**
 * Scores one series' observations by how unusual their one-step residuals are against the series'
 * own recent residual distribution, and flags the unusual ones. One detector per series; not
 * thread-safe. Deterministic: the same residuals give the same verdicts, and a detector restored
 * from {@link #snapshot()} continues exactly as the original would.
 *
 * <p>Usage from a stream processor: per event, {@code restore(config, storedBytes)} (or
 * {@code create(config)} for a new series), {@code observe(value, expected)}, store
 * {@code snapshot()}. The state is small: 201 bytes plus 8 per short-window slot (241 by default).
 */
public interface AnomalyDetector {

    /**
     * Judges {@code value} against the forecast {@code expected} made for it. A non-finite value or
     * expectation (the model is still warming up, the value was bad) gives {@link Verdict#NONE} and
     * teaches the detector nothing; it still counts as one observation of a refractory period.
     */
    Verdict observe(double value, double expected);

    /** Same as {@link #observe} for a caller that has the residual (value − expected) only. */
    Verdict observeResidual(double residual);

    /** The complete state; {@link #restore} with the same config continues bit-exactly. */
    byte[] snapshot();

    /** A new detector for a series never seen before. */
    static AnomalyDetector create(AnomalyConfig config) {
        return new LikelihoodDetector(config);
    }

    /** A detector continuing from {@link #snapshot()} bytes; rejects bytes of another config or version. */
    static AnomalyDetector restore(AnomalyConfig config, byte[] state) {
        return LikelihoodDetector.restore(config, state);
    }
}
