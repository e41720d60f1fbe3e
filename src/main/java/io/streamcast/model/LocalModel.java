package io.streamcast.model;

/** Creates and restores the per-series {@link Forecaster}s of a {@link LocalEngine}. */
interface LocalModel {
    Forecaster create();

    /** Restores a forecaster from its {@link Forecaster#snapshot()}; rejects foreign or corrupt bytes. */
    Forecaster restore(byte[] snapshot);
}
