/**
 * The Kafka Streams topology: parsing and dead letters, per-series event-time resampling, batched
 * per-series models, anomaly scores, settlement, state stores, serdes and exception handlers, and the
 * service that runs it. Depends on series, model, anomaly, metrics and config.
 *
 * <p>Streams are typed end to end: the parse and resample stages forward an {@code Outcome} (a value for
 * the next stage or a dead letter), the forecast stage an {@code Emit} naming its output topic.
 *
 * <p>Public surface:
 * <ul>
 *   <li>the topology: {@link io.streamcast.stream.StreamcastTopology} (the topology, its Streams
 *       properties, its store names), {@link io.streamcast.stream.ParseStage} (its first stage, for
 *       topologies built elsewhere: the typed events and dead letters), the records that stage yields
 *       ({@link io.streamcast.stream.ParsedEvent}, {@link io.streamcast.stream.Source}) and
 *       {@link io.streamcast.stream.TopicSerdes} (the serdes of every topic);
 *   <li>{@link io.streamcast.stream.EventJson}, the one writer of {@code {"series","ts","value"}} JSON;
 *   <li>running it: {@link io.streamcast.stream.StreamcastService}, {@link io.streamcast.stream.TopicCreator},
 *       {@link io.streamcast.stream.EngineProvider}, {@link io.streamcast.stream.StreamcastMetrics} and its
 *       Micrometer binding, {@link io.streamcast.stream.BoundedRocksDbMemory} (created by Kafka Streams by
 *       name), {@link io.streamcast.stream.StateFootprint} (what an instance keeps in its stores);
 *   <li>dead letters: {@link io.streamcast.stream.DeadLetters} (header names) and
 *       {@link io.streamcast.stream.DeadLetterHandlers};
 *   <li>configuration: {@link io.streamcast.stream.ServiceConfig} and
 *       {@link io.streamcast.stream.RuntimeConfig} (built from {@code streamcast.*} keys, defined once in
 *       {@link io.streamcast.stream.ServiceKeys} and {@link io.streamcast.stream.RuntimeConfig#KEYS} with
 *       {@code io.streamcast.config}; {@link io.streamcast.stream.ConfigDocs} writes the docs tables from them),
 *       {@link io.streamcast.stream.ConfigLoader}, {@link io.streamcast.stream.KnownSettings},
 *       {@link io.streamcast.stream.Durations}.
 * </ul>
 * Processors, the stages' outcomes, state records and codecs are package-private.
 */
package io.streamcast.stream;
