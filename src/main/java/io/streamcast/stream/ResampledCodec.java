package io.streamcast.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Bytes of a {@link Resampled} step waiting in the batch buffer store. */
final class ResampledCodec {
    private static final byte VERSION = 1;

    private ResampledCodec() {}

    static byte[] encode(Resampled r) {
        byte[] series = r.series().getBytes(StandardCharsets.UTF_8);
        byte[] topic = r.source().topic().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 8 + 1 + 4 + 8 + 4 + series.length + 4 + topic.length);
        b.put(VERSION).putLong(r.timestamp()).putDouble(r.value())
                .put((byte) ((r.filled() ? 1 : 0) | (r.reset() ? 2 : 0)))
                .putInt(r.source().partition()).putLong(r.source().offset())
                .putInt(series.length).put(series).putInt(topic.length).put(topic);
        return b.array();
    }

    static Resampled decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalStateException("buffered step version " + version + ", expected " + VERSION);
        }
        long ts = b.getLong();
        double value = b.getDouble();
        byte flags = b.get();
        int partition = b.getInt();
        long offset = b.getLong();
        String series = string(b);
        String topic = string(b);
        return new Resampled(series, ts, value, (flags & 1) != 0, (flags & 2) != 0,
                new Source(topic, partition, offset));
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
