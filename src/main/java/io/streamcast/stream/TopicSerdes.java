package io.streamcast.stream;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The serdes of every topic a streamcast topology reads or writes, declared in one place:
 *
 * <ul>
 *   <li>input: key and value as produced, bytes (the parse stage reads them);
 *   <li>outputs (forecasts, anomalies, scores): key the series id, value the JSON bytes;
 *   <li>dead letters: the original key and bytes (a late or failed step: its series id and JSON);
 *   <li>the repartition topic {@link StreamcastTopology#BY_SERIES}: key the series id, value a
 *       {@link ParsedEvent} in {@link ParsedEventSerde}'s binary form.
 * </ul>
 *
 * Each call returns a new instance named {@code name} (these configuration objects are mutable).
 */
public final class TopicSerdes {
    private TopicSerdes() {}

    public static Consumed<byte[], byte[]> input(String name) {
        return Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name);
    }

    public static Produced<String, byte[]> output(String name) {
        return Produced.with(Serdes.String(), Serdes.ByteArray()).withName(name);
    }

    public static Produced<byte[], byte[]> deadLetters(String name) {
        return Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name);
    }

    static Repartitioned<String, ParsedEvent> bySeries() {
        return Repartitioned.with(Serdes.String(), new ParsedEventSerde()).withName(StreamcastTopology.BY_SERIES);
    }
}
