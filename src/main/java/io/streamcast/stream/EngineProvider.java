package io.streamcast.stream;

import io.streamcast.model.Engine;

/**
 * Creates the engine that serves every series of one stream task sharing the same
 * {@link ServiceConfig.SeriesSettings} (model, lags, horizon). Called once per task and setting,
 * on the task's thread; the engine is owned by that task alone.
 */
@FunctionalInterface
public interface EngineProvider {
    Engine create(ServiceConfig.SeriesSettings settings, ServiceConfig config);
}
