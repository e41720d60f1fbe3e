/**
 * The Kafka Streams topology: parsing and dead letters, per-series event-time resampling, batched
 * per-series models, anomaly scores, settlement, state stores, serdes and exception handlers.
 * Depends on series, model, anomaly and config.
 *
 * <p>Public surface: {@link io.streamcast.stream.ServiceConfig} (built from {@code streamcast.*}
 * keys, defined once in {@link io.streamcast.stream.ServiceKeys} and {@link io.streamcast.stream.RuntimeConfig#KEYS}
 * with {@code io.streamcast.config}; {@link io.streamcast.stream.ConfigDocs} writes the docs tables from them), {@link io.streamcast.stream.StreamcastTopology} (the topology, its Streams properties, its
 * store names), {@link io.streamcast.stream.EngineProvider}, {@link io.streamcast.stream.StreamcastMetrics}
 * and its Micrometer binding, {@link io.streamcast.stream.DeadLetters} (dead-letter header names) and
 * {@link io.streamcast.stream.DeadLetterHandlers}. Processors, state records and codecs are
 * package-private.
 */
package io.streamcast.stream;
