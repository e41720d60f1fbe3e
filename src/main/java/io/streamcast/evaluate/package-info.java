/**
 * Offline evaluation as the field does it. {@link io.streamcast.evaluate.NabScorer}: the Numenta Anomaly
 * Benchmark v1.1's scoring, exactly (probation, window scoring, one threshold per profile over the
 * corpus, normalisation), over {@link io.streamcast.evaluate.LabelledFile}s, for the three published
 * {@link io.streamcast.evaluate.Profile}s; {@link io.streamcast.evaluate.NabReport} prints it. Used by
 * {@code streamcast evaluate} and {@code streamcast score --labels}.
 */
package io.streamcast.evaluate;
