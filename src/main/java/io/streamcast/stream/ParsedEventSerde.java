package io.streamcast.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary serde of {@link ParsedEvent} for the by-series repartition topic: compact and fast (no
 * JSON twice). Layout: version, ts, value, keyed, partition, offset, series, source topic.
 */
final class ParsedEventSerde implements Serde<ParsedEvent>, Serializer<ParsedEvent>, Deserializer<ParsedEvent> {
    private static final byte VERSION = 1;

    @Override
    public byte[] serialize(String topic, ParsedEvent e) {
        if (e == null) {
            return null;
        }
        byte[] series = e.series().getBytes(StandardCharsets.UTF_8);
        byte[] source = e.source().topic().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 8 + 1 + 4 + 8 + 4 + series.length + 4 + source.length);
        b.put(VERSION).putLong(e.timestamp()).putDouble(e.value()).put((byte) (e.keyed() ? 1 : 0))
                .putInt(e.source().partition()).putLong(e.source().offset())
                .putInt(series.length).put(series).putInt(source.length).put(source);
        return b.array();
    }

    @Override
    public ParsedEvent deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            byte version = b.get();
            if (version != VERSION) {
                throw new SerializationException("parsed event version " + version + " on topic " + topic
                        + ", expected " + VERSION);
            }
            long ts = b.getLong();
            double value = b.getDouble();
            boolean keyed = b.get() == 1;
            int partition = b.getInt();
            long offset = b.getLong();
            String series = string(b);
            String source = string(b);
            return new ParsedEvent(series, ts, value, keyed, new Source(source, partition, offset));
        } catch (RuntimeException e) {
            throw new SerializationException("unreadable parsed event on topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

    @Override
    public void close() {}

    @Override
    public Serializer<ParsedEvent> serializer() {
        return this;
    }

    @Override
    public Deserializer<ParsedEvent> deserializer() {
        return this;
    }
}
