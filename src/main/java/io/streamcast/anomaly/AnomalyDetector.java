package io.streamcast.anomaly;

/**
 * Scores one series' observations by how unusual they are against the series' own recent behaviour
 * at several time scales — its forecaster's residuals, its raw values, the times between its events and,
 * with a season, the shape of its last season against its recent ones — and flags those whose score
 * reaches the threshold, with the reason. The score carries its own suppression of repeats: one
 * incident, one high score (and at most a few as it grows). One detector per series; not thread-safe.
 * Deterministic: the same inputs give the same verdicts, and a detector restored from
 * {@link #snapshot()} continues exactly as the original would.
 *
 * <p>Usage from a stream processor: per event, {@code restore(config, storedBytes)} (or
 * {@code create(config)} for a new series), {@code observe(timestamp, value, expected)}, store
 * {@code snapshot()}. The state is small: 372 bytes with the default three scales, 2 496 with a season
 * (the shape memory of 256 segments).
 */
public interface AnomalyDetector {

    /** {@link #observe(long, double, double)} without a time: silence and flood are not judged. */
    Verdict observe(double value, double expected);

    /**
     * Judges {@code value}, which arrived at {@code timestamp} (epoch ms; {@code Long.MIN_VALUE} when
     * the caller has no time), against the forecast {@code expected} made for it (NaN while the
     * model warms up: the value and its time are still learned from, the residual statistics are
     * not). A non-finite value gives {@link Verdict#NONE} and teaches the detector nothing.
     */
    Verdict observe(long timestamp, double value, double expected);

    /** Same as {@link #observe} for a caller that has the residual (value − expected) only. */
    Verdict observeResidual(double residual);

    /** The complete state; {@link #restore} with the same config continues bit-exactly. */
    byte[] snapshot();

    /** A new detector for a series never seen before. */
    static AnomalyDetector create(AnomalyConfig config) {
        return new MultiScaleDetector(config);
    }

    /** A detector continuing from {@link #snapshot()} bytes; rejects bytes of another config or version. */
    static AnomalyDetector restore(AnomalyConfig config, byte[] state) {
        return MultiScaleDetector.restore(config, state);
    }
}
