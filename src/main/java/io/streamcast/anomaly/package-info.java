/**
 * Anomaly scoring: per observation, a score in [0,1], a flag and a reason. Knows nothing of Kafka.
 * <ul>
 *   <li>{@link io.streamcast.anomaly.AnomalyDetector} — one per series: {@code observe(timestamp, value,
 *       expected)} gives a {@link io.streamcast.anomaly.Verdict} (score, flag = score ≥ threshold, and a
 *       {@link io.streamcast.anomaly.Reason}: {@link io.streamcast.anomaly.AnomalyKind}, expected vs
 *       actual, time scale); state to and from bytes. The score judges the forecaster's residuals, the raw
 *       values and the event times against the series' own history at several time scales (spikes and
 *       silences against the tails the series has shown), the shape of a seasonal series' last season
 *       against its recent seasons, and carries its own suppression of repeats, so the benchmark (and a
 *       user) can threshold it as it is.</li>
 *   <li>{@link io.streamcast.anomaly.AnomalyConfig} — {@code streamcast.anomaly.*} settings with tuned defaults, each key
 *       defined once in {@link io.streamcast.anomaly.AnomalyConfig#KEYS}.</li>
 * </ul>
 * The benchmark's scoring of these scores lives in {@code io.streamcast.evaluate}. Depends on nothing of
 * ours but {@code io.streamcast.config} (a leaf that defines keys): expectations come from whichever model the caller runs.
 */
package io.streamcast.anomaly;
