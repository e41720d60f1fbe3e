/**
 * Observations and regular series: lag windows, online scalers, seasonal differencing, resampling
 * rules and audio-frame features. Depends on nothing else of streamcast.
 */
package io.streamcast.series;
