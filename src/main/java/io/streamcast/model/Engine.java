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
 */
public interface Engine {

    /** Model name as it appears in outputs. */
    String name();

    /** Steps every observation of the batch; one result per observation, in batch order. */
    List<Step> step(List<Observation> batch);

    /** The complete state (shared weights, per-series state) as bytes, restorable bit-exactly. */
    byte[] snapshot();
}
