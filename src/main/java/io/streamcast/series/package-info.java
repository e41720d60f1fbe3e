/**
 * Observations and the per-series building blocks models share: {@link io.streamcast.series.LagWindow}
 * (ring buffer of recent values), {@link io.streamcast.series.OnlineScaler} (Welford running mean and
 * variance), {@link io.streamcast.series.SeasonDetector} (a series' periods from its own history), {@link io.streamcast.series.ValueGuard} (the non-finite policy: NaN and infinities are
 * skipped and counted, never fatal) and {@link io.streamcast.series.SeasonalDifferencer}. Every stateful
 * part writes itself to a {@code DataOutput} and reads back bit-exactly. {@link io.streamcast.series.AudioFeatures}
 * turns an audio frame into RMS, zero-crossing rate, spectral centroid and band energies (JTransforms FFT).
 * Depends on nothing else of
 * streamcast.
 */
package io.streamcast.series;
