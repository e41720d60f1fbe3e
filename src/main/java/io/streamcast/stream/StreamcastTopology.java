package io.streamcast.stream;

import io.micrometer.core.instrument.Metrics;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.ValueMapper;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The streamcast topology, built from a {@link ServiceConfig} so tests build the very same one:
 *
 * <pre>
 * input topic(s) ─► streamcast-parse ─┬─ dead letter ───────────────────────────────────────► dlq
 *    ({@link ParseStage})             ├─ event keyed by series ─────────────────────┐
 *                                     └─ no key ─► streamcast-by-series (repartition) ─┤ ParsedEvent
 *                                                                                   ▼
 *                     streamcast-resample [resample store] ─ late: dead letter ─► dlq
 *                                                                                   ▼ Resampled
 *   streamcast-forecast [buffer, series, checkpoint, latest-forecast stores] ─ Emit ─► forecasts, anomalies, scores
 *                                                       └─ a step the model failed on ─► dlq
 * </pre>
 *
 * <p>Streams are typed end to end, with no {@code Object} stream routed by type: the parse and resample
 * stages forward an {@link Outcome} (their value for the next stage, or a dead letter) that the topology
 * splits on {@link Outcome#isDeadLetter()}; the forecast stage forwards an {@link Emit} naming its output
 * topic. The serdes of every topic are declared once, in {@link TopicSerdes}.
 *
 * <p>Every store and the repartition topic have explicit names. All stores are persistent and
 * changelogged but {@link #LATEST_FORECAST_STORE} (key: series id, value: the forecast JSON exactly as
 * published), which answers interactive queries: a view rendered again from the series states when a task starts.
 */
public final class StreamcastTopology {
    /** Per-series resampling windows: key series id, value {@code ResampleState} bytes. */
    public static final String RESAMPLE_STORE = "streamcast-resample";
    /** Steps waiting for the next batch: key sequence number, value step bytes. */
    public static final String BUFFER_STORE = "streamcast-buffer";
    /** Per-series model, detector and settlement state: key series id, value {@code SeriesState} bytes. */
    public static final String SERIES_STORE = "streamcast-series";
    /** Task-level shared engine checkpoints and the replay log since them. */
    public static final String CHECKPOINT_STORE = "streamcast-checkpoints";
    /** Latest forecast per series: key series id (String), value the forecast JSON (String). */
    public static final String LATEST_FORECAST_STORE = "streamcast-latest-forecasts";
    /** Name of the repartition topic for events without a key: {@code <application.id>-streamcast-by-series-repartition}. */
    public static final String BY_SERIES = "streamcast-by-series";

    private StreamcastTopology() {}

    /** The topology with the engines of the model registry and metrics on Micrometer's global registry. */
    public static Topology build(ServiceConfig config) {
        return build(config, RegistryEngines.INSTANCE, new MicrometerStreamcastMetrics(Metrics.globalRegistry));
    }

    /** The topology with the engines of the model registry, counting into {@code metrics}. */
    public static Topology build(ServiceConfig config, StreamcastMetrics metrics) {
        return build(config, RegistryEngines.INSTANCE, metrics);
    }

    public static Topology build(ServiceConfig config, EngineProvider engines, StreamcastMetrics metrics) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(engines, "engines");
        Objects.requireNonNull(metrics, "metrics");
        validateModels(config, engines);
        StreamsBuilder builder = new StreamsBuilder();
        ServiceConfig.Topics topics = config.topics();
        ServiceConfig.OutputTimestamp stamp = config.outputTimestamp();

        Map<String, KStream<String, Outcome<ParsedEvent>>> parsed = ParseStage.parse(builder, config, metrics)
                .split(Named.as("streamcast-parsed-"))
                .branch((k, v) -> v.isDeadLetter(), Branched.as("dead"))
                .branch((k, v) -> v.value().keyed(), Branched.as("keyed"))
                .defaultBranch(Branched.as("unkeyed"));
        deadLetters(parsed.get("streamcast-parsed-dead"), Outcome::deadLetter, topics.dlq(), "streamcast-parse-dlq",
                stamp);
        KStream<String, ParsedEvent> keyed = parsed.get("streamcast-parsed-keyed")
                .mapValues(Outcome::value, Named.as("streamcast-keyed-events"));
        KStream<String, ParsedEvent> rekeyed = parsed.get("streamcast-parsed-unkeyed")
                .mapValues(Outcome::value, Named.as("streamcast-unkeyed-events"))
                .repartition(TopicSerdes.bySeries());
        KStream<String, ParsedEvent> events = keyed.merge(rekeyed, Named.as("streamcast-events"));

        Map<String, KStream<String, Outcome<Resampled>>> resampled = events
                .process(resampleSupplier(config, metrics), Named.as("streamcast-resample"))
                .split(Named.as("streamcast-resampled-"))
                .branch((k, v) -> v.isDeadLetter(), Branched.as("late"))
                .defaultBranch(Branched.as("steps"));
        deadLetters(resampled.get("streamcast-resampled-late"), Outcome::deadLetter, topics.dlq(),
                "streamcast-late-dlq", stamp);

        Map<String, KStream<String, Emit>> out = resampled.get("streamcast-resampled-steps")
                .mapValues(Outcome::value, Named.as("streamcast-steps"))
                .process(forecastSupplier(config, engines, metrics), Named.as("streamcast-forecast"))
                .split(Named.as("streamcast-out-"))
                .branch((k, v) -> v.output() == Emit.Output.FORECAST, Branched.as("forecasts"))
                .branch((k, v) -> v.output() == Emit.Output.ANOMALY, Branched.as("anomalies"))
                .branch((k, v) -> v.output() == Emit.Output.SCORE, Branched.as("scores"))
                .defaultBranch(Branched.as("dead"));
        deadLetters(out.get("streamcast-out-dead"), v -> v, topics.dlq(), "streamcast-model-dlq", stamp);
        sink(out.get("streamcast-out-forecasts"), topics.forecasts(), "streamcast-forecasts-sink", stamp);
        sink(out.get("streamcast-out-anomalies"), topics.anomalies(), "streamcast-anomalies-sink", stamp);
        topics.scores().ifPresent(t -> sink(out.get("streamcast-out-scores"), t, "streamcast-scores-sink", stamp));
        return builder.build();
    }

    /**
     * Kafka Streams properties for this topology: the config's pass-through Kafka properties over
     * these defaults — application id {@code streamcast}, exactly-once v2, byte-array default serdes,
     * and exception handlers that dead-letter a record a processor fails on, a record that cannot be
     * deserialised and the input of an output too large to send, instead of stopping the stream.
     */
    public static Map<String, Object> streamsProperties(ServiceConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "streamcast");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Deserialization.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Production.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.topics().dlq());
        if (config.storeMemory().bounded()) {
            p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
            p.put(BoundedRocksDbMemory.BYTES, Long.toString(config.storeMemory().bytes()));
            p.put(BoundedRocksDbMemory.WRITE_BUFFER_SHARE, Double.toString(config.storeMemory().writeBufferShare()));
        }
        p.putAll(config.kafka());
        return p;
    }

    /** The topics the service writes to, for creating them up front. */
    public static Set<String> outputTopics(ServiceConfig config) {
        Set<String> t = new java.util.TreeSet<>(Set.of(config.topics().forecasts(), config.topics().anomalies(),
                config.topics().dlq()));
        config.topics().scores().ifPresent(t::add);
        return t;
    }

    /** Creates every configured engine and detector once, so a bad model name or setting fails at start, by name. */
    private static void validateModels(ServiceConfig config, EngineProvider engines) {
        try {
            ForecastProcessor.anomalyConfig(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("anomaly detector configuration: " + e.getMessage(), e);
        }
        Map<String, ServiceConfig.SeriesSettings> settings = new java.util.LinkedHashMap<>();
        settings.put("streamcast.model", config.defaults());
        config.rules().forEach(r -> settings.put("rule " + r.name(), r.apply(config.defaults())));
        settings.forEach((where, s) -> {
            try {
                engines.create(s, config);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model configuration of " + where + " (model " + s.model()
                        + "): " + e.getMessage(), e);
            }
        });
    }

    /** The dead letters of {@code stream} to the dead-letter topic, with their original key and bytes. */
    private static <V> void deadLetters(KStream<String, V> stream, ValueMapper<V, Emit> letter, String topic,
            String name, ServiceConfig.OutputTimestamp stamp) {
        stream.processValues(() -> new OutputStamp<V>(stamp), Named.as(name + "-stamp"))
                .map((k, v) -> letter.apply(v).keyValue(), Named.as(name + "-map"))
                .to(topic, TopicSerdes.deadLetters(name));
    }

    private static void sink(KStream<String, Emit> stream, String topic, String name,
            ServiceConfig.OutputTimestamp stamp) {
        stream.processValues(() -> new OutputStamp<Emit>(stamp), Named.as(name + "-stamp"))
                .mapValues(Emit::value, Named.as(name + "-map"))
                .to(topic, TopicSerdes.output(name));
    }

    private static ProcessorSupplier<String, ParsedEvent, String, Outcome<Resampled>> resampleSupplier(ServiceConfig config,
            StreamcastMetrics metrics) {
        return new ProcessorSupplier<>() {
            @Override
            public ResampleProcessor get() {
                return new ResampleProcessor(config, metrics);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESAMPLE_STORE),
                        Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
            }
        };
    }

    private static ProcessorSupplier<String, Resampled, String, Emit> forecastSupplier(ServiceConfig config,
            EngineProvider engines, StreamcastMetrics metrics) {
        SeriesCacheShares shares = new SeriesCacheShares(); // the series cache is the client's, split among its tasks
        return new ProcessorSupplier<>() {
            @Override
            public ForecastProcessor get() {
                return new ForecastProcessor(config, engines, metrics, shares);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                // Kafka Streams' record cache in front of the per-event stores: a step buffered and taken
                // within one commit interval (put, then delete) never reaches RocksDB or its changelog, and a
                // series written several times per commit is written once. The checkpoints (megabytes of
                // network state, written rarely) would only churn the cache.
                return Set.of(
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BUFFER_STORE), Serdes.Long(),
                                Serdes.ByteArray()).withCachingEnabled(),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SERIES_STORE), Serdes.String(),
                                Serdes.ByteArray()).withCachingEnabled(),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHECKPOINT_STORE), Serdes.String(),
                                Serdes.ByteArray()),
                        // a view without a changelog: each task renders it again from its series states (LatestForecasts)
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LATEST_FORECAST_STORE),
                                Serdes.String(), Serdes.String()).withCachingEnabled().withLoggingDisabled());
            }
        };
    }
}
