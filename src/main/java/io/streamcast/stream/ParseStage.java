package io.streamcast.stream;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The stage every streamcast topology starts with: the input topic(s) (names or a pattern) read as bytes and
 * parsed, per stream task, into events keyed by their series id or dead letters carrying the original key and
 * bytes and headers that name the record's topic, partition, offset and what was wrong. Public so that a
 * topology outside this package (the bench's passthrough) reads and parses exactly as the service does.
 *
 * <pre>
 * input ─► streamcast-input ─► streamcast-parse ─┬─ PREFIX-dead ─► PREFIX-dlq-map ─► dead letters (original key, bytes)
 *                                                └─ PREFIX-good ─► PREFIX-events ──► events (key: series id)
 * </pre>
 */
public final class ParseStage {
    /** Name of the source node of the input topic(s). */
    public static final String SOURCE = "streamcast-input";
    /** Name of the parser's processor node. */
    public static final String PARSE = "streamcast-parse";

    /** The stage's two typed streams: the events, and the dead letters of records that were none. */
    public record Streams(KStream<String, ParsedEvent> events, KStream<byte[], byte[]> deadLetters) {
        public Streams {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(deadLetters, "deadLetters");
        }
    }

    private ParseStage() {}

    /** Adds the stage to {@code builder}, its nodes after the parser named by {@code prefix}. */
    public static Streams add(StreamsBuilder builder, ServiceConfig config, StreamcastMetrics metrics, String prefix) {
        Map<String, KStream<String, Outcome<ParsedEvent>>> split = parse(builder, config, metrics)
                .split(Named.as(prefix))
                .branch((k, v) -> v.isDeadLetter(), Branched.as("dead"))
                .defaultBranch(Branched.as("good"));
        return new Streams(
                split.get(prefix + "good").mapValues(Outcome::value, Named.as(prefix + "events")),
                split.get(prefix + "dead").map((k, v) -> v.deadLetter().keyValue(), Named.as(prefix + "dlq-map")));
    }

    /** The source and the parser, for the service's own split (dead letters, events keyed by series, the rest). */
    static KStream<String, Outcome<ParsedEvent>> parse(StreamsBuilder builder, ServiceConfig config,
            StreamcastMetrics metrics) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(metrics, "metrics");
        Consumed<byte[], byte[]> consumed = TopicSerdes.input(SOURCE);
        ServiceConfig.Topics topics = config.topics();
        KStream<byte[], byte[]> input = topics.inputPattern().isPresent()
                ? builder.stream(topics.inputPattern().get(), consumed)
                : builder.stream(topics.input(), consumed);
        // a parser per task: its audio feature extractor caches FFT plans and is not thread-safe
        return input.process(() -> new ParseProcessor(new EventParser(config), metrics), Named.as(PARSE));
    }
}
