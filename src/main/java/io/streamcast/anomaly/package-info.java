/**
 * Anomaly scoring: one-step residual → score in [0,1] → flag. Knows nothing of Kafka.
 * <ul>
 *   <li>{@link io.streamcast.anomaly.AnomalyDetector} — one per series: {@code observe(value, expected)}
 *       gives a {@link io.streamcast.anomaly.Verdict} (score, flag); state to and from bytes. The score
 *       (how unusual the recent residuals are against the series' own residual history) is kept apart
 *       from the decision (threshold, then a refractory period so one incident raises one alert).</li>
 *   <li>{@link io.streamcast.anomaly.AnomalyConfig} — {@code streamcast.anomaly.*} settings with tuned defaults.</li>
 *   <li>{@link io.streamcast.anomaly.WindowEvaluation} — the Numenta Anomaly Benchmark's windows-based
 *       scoring over labelled files ({@link io.streamcast.anomaly.LabelledScores}), for three
 *       {@link io.streamcast.anomaly.Profile}s.</li>
 * </ul>
 * Depends on nothing of ours beyond the JDK: residuals come from whichever model the caller runs.
 */
package io.streamcast.anomaly;
