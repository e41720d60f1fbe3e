package io.streamcast.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses input records: a good one is forwarded as a {@link ParsedEvent} keyed by its series id (an
 * audio frame as one per feature, keyed by the feature's sub-series id),
 * a bad one as a dead letter with the original key and bytes and headers naming its topic, partition,
 * offset and the reason.
 */
final class ParseProcessor implements Processor<byte[], byte[], String, Outcome<ParsedEvent>> {
    private final EventParser parser;
    private final StreamcastMetrics metrics;
    private ProcessorContext<String, Outcome<ParsedEvent>> context;

    ParseProcessor(EventParser parser, StreamcastMetrics metrics) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<String, Outcome<ParsedEvent>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Source source = context.recordMetadata().map(ParseProcessor::source).orElse(Source.UNKNOWN);
        try {
            // counted as accepted by the resampler, which may still find it late; a frame gives one per feature
            for (ParsedEvent event : parser.parse(record.key(), record.value(), record.headers(), record.timestamp(),
                    source)) {
                context.forward(new Record<>(event.series(), Outcome.of(event), event.timestamp(), record.headers()));
            }
        } catch (InvalidEventException e) {
            metrics.event(source.topic(), e.kind().code());
            context.forward(deadLetter(record, e, source));
        }
    }

    /**
     * The original key and bytes with the reason; for a too-large record only their first
     * {@link DeadLetters#PREVIEW_BYTES} bytes and its size, so the dead letter fits whatever came in.
     */
    private static Record<String, Outcome<ParsedEvent>> deadLetter(Record<byte[], byte[]> record, InvalidEventException e,
            Source source) {
        String reason = e.getMessage() + " (at " + source + ")";
        byte[] key = record.key();
        byte[] value = record.value() == null ? new byte[0] : record.value();
        Headers headers;
        if (e.kind() == DeadLetterKind.TOO_LARGE) {
            long size = EventLimits.size(key, record.value(), record.headers());
            key = preview(key);
            value = preview(value);
            headers = DeadLetters.headers(null, e.kind(), reason, source);
            headers.add(DeadLetters.ORIGINAL_BYTES, Long.toString(size).getBytes(StandardCharsets.UTF_8));
        } else {
            headers = DeadLetters.headers(record.headers(), e.kind(), reason, source);
        }
        return new Record<>(null, Outcome.rejected(new Emit(Emit.Output.DEAD_LETTER, key, value)), record.timestamp(),
                headers);
    }

    private static byte[] preview(byte[] bytes) {
        return bytes == null || bytes.length <= DeadLetters.PREVIEW_BYTES ? bytes
                : Arrays.copyOf(bytes, DeadLetters.PREVIEW_BYTES);
    }

    private static Source source(RecordMetadata m) {
        return new Source(m.topic(), m.partition(), m.offset());
    }
}
