package io.streamcast.model;

/** One entry of the {@link Engines} registry: builds an engine from a config. */
@FunctionalInterface
interface EngineFactory {
    Engine create(EngineConfig config);
}
