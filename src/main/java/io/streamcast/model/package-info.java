/**
 * Models and their contract: {@link io.streamcast.model.Forecaster} for one series,
 * {@link io.streamcast.model.Engine} for many, created by name through {@link io.streamcast.model.Engines}
 * from an {@link io.streamcast.model.EngineConfig}. AR ({@code ArForecaster}: weighted least squares over
 * lags chosen per series by BIC, on values and on seasonal differences side by side), FF-AR and LSTM on
 * shared networks with per-series normalisation ({@code NetworkEngine}, {@code SeriesNormaliser}), {@code auto},
 * naive and seasonal-naive baselines, transforms and support respect, conformal prediction
 * intervals by quantile tracking ({@code ConformalIntervals}, reusable by any model of this
 * package), the per-series {@code LocalEngine}, and snapshots. Knows nothing of Kafka. Depends on
 * {@code series} and {@code config}: each config record defines its {@code streamcast.model.*} /
 * {@code streamcast.intervals.*} keys beside it, {@link io.streamcast.model.SettingKeys} joins them.
 */
package io.streamcast.model;
