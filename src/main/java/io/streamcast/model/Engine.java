package io.streamcast.model;

import io.streamcast.series.Observation;
import java.util.List;

/**
 * One model configuration over any number of series: how backtest, score and the stream processor
 * drive models. For each observation of a batch the engine notes its one-step expectation, learns
 * it and forecasts the configured horizon. Observations of one series are applied in batch order;
 * different series may be served by one call into a shared network (the neural engines) or by
 * independent per-series {@link Forecaster}s (the local engines) — the results are the same as
 * stepping them one by one.
 *
 * <p>State comes in two parts so a stream task can store it where it belongs: each series' own
 * state (a few KB: lag window, scaler, interval and model state) and the state shared by all series
 * of the engine (network weights, updater state, replay buffer; empty for local models).
 */
public interface Engine {

    /** Model name as it appears in outputs. */
    String name();

    /** Steps every observation of the batch; one result per observation, in batch order. */
    List<Step> step(List<Observation> batch);

    /** The state that belongs to this series alone, or null if the engine does not hold it. */
    byte[] seriesState(String series);

    /** Installs a series' state saved by {@link #seriesState}, replacing whatever the engine had. */
    void loadSeries(String series, byte[] state);

    /** Drops a series from memory (save its state first to keep it). */
    void evict(String series);

    /** The state shared by all series (weights, updater, replay buffer); empty for local models. */
    byte[] sharedState();

    /** Installs shared state saved by {@link #sharedState}. */
    void loadShared(byte[] state);
}
