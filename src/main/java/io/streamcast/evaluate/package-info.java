/**
 * Offline evaluation as the field does it, so that a figure printed here means what it means in the
 * literature.
 * <ul>
 * <li><b>Forecasts, the M4 way</b>: {@link io.streamcast.evaluate.Naive2} (the M4 benchmark's
 * seasonally adjusted naive, with its 90 % autocorrelation test), {@link io.streamcast.evaluate.Accuracy}
 * (sMAPE, MASE, MSIS and interval coverage, accumulated over series and steps; OWA relative to Naive2),
 * {@link io.streamcast.evaluate.Frequency} (M4's seasonal period per data frequency) and the backtest
 * driver {@link io.streamcast.evaluate.Backtest}, which streams series through any number of engines
 * side by side and scores them either prequentially (forecast, then learn, at every origin after a
 * burn-in) or by each series' final forecast against a held-out future.</li>
 * <li><b>Anomalies, the NAB way</b>: {@link io.streamcast.evaluate.NabScorer}, the Numenta Anomaly
 * Benchmark v1.1's scoring, exactly (probation, window scoring, one threshold per profile over the
 * corpus, normalisation), over {@link io.streamcast.evaluate.LabelledFile}s, for the three published
 * {@link io.streamcast.evaluate.Profile}s; {@link io.streamcast.evaluate.NabReport} prints it. Used by
 * {@code streamcast evaluate} and {@code streamcast score --labels}.</li>
 * <li><b>The files they read</b>: {@link io.streamcast.evaluate.SeriesFiles} (long, wide and columns
 * layouts, with the skipped rows counted in {@link io.streamcast.evaluate.InputCounts}),
 * {@link io.streamcast.evaluate.ScoreFile} (one {@code timestamp,value} file through an engine and a
 * detector, row by row), {@link io.streamcast.evaluate.WindowLabels} (NAB's {@code windows.json}),
 * {@link io.streamcast.evaluate.Timestamps}, {@link io.streamcast.evaluate.SeasonGuess} ({@code score
 * --season auto}) and {@link io.streamcast.evaluate.Progress} (a progress line on long files).</li>
 * </ul>
 * Command-line options and the commands' tables of text belong to {@code cli}. Depends on {@code series},
 * {@code model} and {@code anomaly}; knows nothing of Kafka.
 */
package io.streamcast.evaluate;
