/**
 * Anomaly scoring: one-step residual → score in [0,1] → flag, with thresholds and a refractory period. Knows nothing of Kafka. Depends on series and model.
 */
package io.streamcast.anomaly;
