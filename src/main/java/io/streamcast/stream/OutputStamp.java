package io.streamcast.stream;

import java.util.Objects;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The last step before every sink: gives the output record the timestamp {@code streamcast.output.timestamp}
 * asks for. {@code publish} stamps it with the stream thread's wall clock (Kafka Streams' cached
 * {@code currentSystemTimeMs}, a mock clock in {@code TopologyTestDriver}); {@code event} leaves the event time
 * the processors gave it.
 */
final class OutputStamp<V> implements FixedKeyProcessor<String, V, V> {
    private final ServiceConfig.OutputTimestamp mode;
    private FixedKeyProcessorContext<String, V> context;

    OutputStamp(ServiceConfig.OutputTimestamp mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        context.forward(mode == ServiceConfig.OutputTimestamp.PUBLISH
                ? record.withTimestamp(context.currentSystemTimeMs()) : record);
    }
}
