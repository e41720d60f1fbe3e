/**
 * Models and their contract: {@link io.streamcast.model.Forecaster} for one series,
 * {@link io.streamcast.model.Engine} for many. AR by recursive least squares, naive baselines,
 * the feed-forward AR and LSTM networks, multi-step strategies, prediction intervals and snapshots.
 * Knows nothing of Kafka. Depends on {@code series} only.
 */
package io.streamcast.model;
