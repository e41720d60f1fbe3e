package io.streamcast.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamcast.metrics.SeriesMeters;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The topologies {@code streamcast bench} measures end to end: the service's own
 * ({@link StreamcastTopology}, registry engines, meters on the given registry, exactly as
 * {@link StreamcastService} builds it) and a passthrough that only parses each input record and
 * writes it back as JSON — the ceiling a model stage is compared with, since it pays the same
 * consumer, parser, producer and transaction costs and nothing else.
 */
public final class BenchTopologies {

    private BenchTopologies() {}

    /** The service topology with its meters on {@code registry} (per-series meters for the default allow-list). */
    public static Topology streamcast(ServiceConfig config, MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return StreamcastTopology.build(config, RegistryEngines.INSTANCE, new MicrometerStreamcastMetrics(registry,
                SeriesMeters.of(registry, SeriesMeters.DEFAULT_ALLOW_LIST)));
    }

    /**
     * input ─► streamcast-parse ─┬─ bad ─► dlq
     *                            └─ good ─► {"series","ts","value"} ─► the forecasts topic (key: series id)
     */
    public static Topology passthrough(ServiceConfig config, MeterRegistry registry) {
        Objects.requireNonNull(config, "config");
        StreamcastMetrics metrics = new MicrometerStreamcastMetrics(registry,
                SeriesMeters.of(registry, SeriesMeters.DEFAULT_ALLOW_LIST));
        StreamsBuilder builder = new StreamsBuilder();
        ServiceConfig.Topics topics = config.topics();
        KStream<byte[], byte[]> input = builder.stream(topics.input(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("streamcast-input"));
        Map<String, KStream<String, Object>> parsed = input
                .process(() -> new ParseProcessor(new EventParser(config), metrics), Named.as("streamcast-parse"))
                .split(Named.as("passthrough-"))
                .branch((k, v) -> v instanceof Emit, Branched.as("dead"))
                .defaultBranch(Branched.as("good"));
        parsed.get("passthrough-dead")
                .map((k, v) -> KeyValue.pair(((Emit) v).key(), ((Emit) v).value()), Named.as("passthrough-dlq-map"))
                .to(topics.dlq(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("passthrough-dlq"));
        parsed.get("passthrough-good")
                .mapValues(v -> {
                    ParsedEvent e = (ParsedEvent) v;
                    metrics.event(e.source().topic(), "accepted");
                    return EventJson.event(e.series(), e.timestamp(), EventJson.Time.ISO, e.value());
                }, Named.as("passthrough-serialise"))
                .to(topics.forecasts(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("passthrough-sink"));
        return builder.build();
    }
}
