package io.streamcast.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamcast.metrics.SeriesMeters;
import io.streamcast.stream.EventJson;
import io.streamcast.stream.MicrometerStreamcastMetrics;
import io.streamcast.stream.ParseStage;
import io.streamcast.stream.ServiceConfig;
import io.streamcast.stream.StreamcastMetrics;
import io.streamcast.stream.StreamcastService;
import io.streamcast.stream.StreamcastTopology;
import io.streamcast.stream.TopicSerdes;
import java.util.Objects;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/**
 * The topologies {@code streamcast bench} measures end to end: the service's own
 * ({@link StreamcastTopology}, registry engines, meters on the given registry, exactly as
 * {@link StreamcastService} builds it) and a passthrough that only parses each input record and
 * writes it back as JSON — the ceiling a model stage is compared with, since it pays the same
 * consumer, parser, producer and transaction costs and nothing else.
 */
final class BenchTopologies {

    private BenchTopologies() {}

    /** The service topology with its meters on {@code registry} (per-series meters for the default allow-list). */
    static Topology streamcast(ServiceConfig config, MeterRegistry registry) {
        return StreamcastTopology.build(config, metrics(registry));
    }

    /**
     * input ─► {@link ParseStage} ─┬─ dead letters ─► dlq
     *                             └─ events ─► {"series","ts","value"} ─► the forecasts topic (key: series id)
     */
    static Topology passthrough(ServiceConfig config, MeterRegistry registry) {
        Objects.requireNonNull(config, "config");
        StreamcastMetrics metrics = metrics(registry);
        StreamsBuilder builder = new StreamsBuilder();
        ParseStage.Streams parsed = ParseStage.add(builder, config, metrics, "passthrough-");
        parsed.deadLetters().to(config.topics().dlq(), TopicSerdes.deadLetters("passthrough-dlq"));
        parsed.events()
                .mapValues(e -> {
                    metrics.event(e.source().topic(), "accepted");
                    return EventJson.event(e.series(), e.timestamp(), EventJson.Time.ISO, e.value());
                }, Named.as("passthrough-serialise"))
                .to(config.topics().forecasts(), TopicSerdes.output("passthrough-sink"));
        return builder.build();
    }

    private static StreamcastMetrics metrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return new MicrometerStreamcastMetrics(registry, SeriesMeters.of(registry, SeriesMeters.DEFAULT_ALLOW_LIST));
    }
}
