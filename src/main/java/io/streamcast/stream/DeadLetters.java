package io.streamcast.stream;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Header names of dead-letter records and how they are written. A dead letter keeps the original
 * key and bytes (for late events: the event as JSON) and says where it came from and why.
 */
public final class DeadLetters {
    /** A readable sentence: what was wrong with the record. */
    public static final String REASON = "streamcast.dlq.reason";
    /** A short code for filtering: too-large, malformed, missing-field, invalid-value, invalid-timestamp, invalid-series, late, processing-error. */
    public static final String KIND = "streamcast.dlq.kind";
    public static final String TOPIC = "streamcast.dlq.topic";
    public static final String PARTITION = "streamcast.dlq.partition";
    public static final String OFFSET = "streamcast.dlq.offset";
    /**
     * On a {@code too-large} dead letter only: the size in bytes of the record that was refused. Its key and
     * value are cut to their first {@link #PREVIEW_BYTES} bytes and its own headers dropped, so the dead letter
     * always fits the dead-letter topic whatever arrived.
     */
    public static final String ORIGINAL_BYTES = "streamcast.dlq.original-bytes";
    /** How much of a too-large record's key and value its dead letter keeps. */
    public static final int PREVIEW_BYTES = 1024;

    private DeadLetters() {}

    static Headers headers(Headers original, DeadLetterKind kind, String reason, Source source) {
        Headers h = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        h.remove(REASON).remove(KIND).remove(TOPIC).remove(PARTITION).remove(OFFSET);
        h.add(REASON, utf8(reason));
        h.add(KIND, utf8(kind.code()));
        h.add(TOPIC, utf8(source.topic()));
        h.add(PARTITION, utf8(Integer.toString(source.partition())));
        h.add(OFFSET, utf8(Long.toString(source.offset())));
        return h;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
