package io.streamcast.stream;

import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses input records: a good one is forwarded as a {@link ParsedEvent} keyed by its series id (an
 * audio frame as one per feature, keyed by the feature's sub-series id),
 * a bad one as an {@link Emit} to the dead-letter topic with the original key and bytes and headers
 * naming its topic, partition, offset and the reason.
 */
final class ParseProcessor implements Processor<byte[], byte[], String, Object> {
    private final EventParser parser;
    private final StreamcastMetrics metrics;
    private ProcessorContext<String, Object> context;

    ParseProcessor(EventParser parser, StreamcastMetrics metrics) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Source source = context.recordMetadata().map(ParseProcessor::source).orElse(Source.UNKNOWN);
        try {
            // counted as accepted by the resampler, which may still find it late; a frame gives one per feature
            for (ParsedEvent event : parser.parse(record.key(), record.value(), source)) {
                context.forward(new Record<String, Object>(event.series(), event, event.timestamp(),
                        record.headers()));
            }
        } catch (InvalidEventException e) {
            metrics.event(source.topic(), e.kind().code());
            byte[] value = record.value() == null ? new byte[0] : record.value();
            context.forward(new Record<String, Object>(null, new Emit(Emit.Output.DEAD_LETTER, record.key(), value),
                    record.timestamp(), DeadLetters.headers(record.headers(), e.kind(),
                            e.getMessage() + " (at " + source + ")", source)));
        }
    }

    private static Source source(RecordMetadata m) {
        return new Source(m.topic(), m.partition(), m.offset());
    }
}
