package io.streamcast.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams exception handlers that keep the stream running: the record a processor failed on
 * (or that could not be deserialised) goes to the dead-letter topic named by
 * {@code errors.dead.letter.queue.topic.name} with its source record's key and bytes and the
 * streamcast dead-letter headers, and processing resumes with the next record.
 */
public final class DeadLetterHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {}

    /** For a processor that throws: dead-letter the source record, resume. */
    public static final class Processing implements ProcessingExceptionHandler {
        private String topic;

        @Override
        public void configure(Map<String, ?> configs) {
            topic = dlqTopic(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            LOG.warn("processor {} failed on {}/{}@{}; record dead-lettered to {}: {}", context.processorNodeId(),
                    context.topic(), context.partition(), context.offset(), topic, exception.toString());
            return Response.resume(deadLetter(topic, context, context.sourceRawKey(), context.sourceRawValue(),
                    "processor " + context.processorNodeId() + " failed: " + exception));
        }
    }

    /** For an input record that cannot be deserialised: dead-letter it, resume. */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private String topic;

        @Override
        public void configure(Map<String, ?> configs) {
            topic = dlqTopic(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                Exception exception) {
            LOG.warn("cannot deserialise {}/{}@{}; record dead-lettered to {}: {}", context.topic(),
                    context.partition(), context.offset(), topic, exception.toString());
            return Response.resume(deadLetter(topic, context, record.key(), record.value(),
                    "cannot deserialise: " + exception));
        }
    }

    /**
     * For an output the broker refuses as too large (a very long horizon) or for its timestamp (an event
     * time outside the broker's window): dead-letter the input record that produced it, resume. Any other
     * send error fails as Kafka Streams' default does.
     */
    public static final class Production implements ProductionExceptionHandler {
        private String topic;

        @Override
        public void configure(Map<String, ?> configs) {
            topic = dlqTopic(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                Exception exception) {
            if (exception instanceof InvalidTimestampException) {
                // the broker refuses a timestamp out of its message.timestamp.{before,after}.max.ms window: an
                // event time it deems too old or too new, which no retry will change
                LOG.warn("output to {} refused for its timestamp {} (input {}/{}@{}); input dead-lettered to {}",
                        record.topic(), record.timestamp(), context.topic(), context.partition(), context.offset(),
                        topic);
                return Response.resume(deadLetter(topic, context, context.sourceRawKey(), context.sourceRawValue(),
                        "output record to " + record.topic() + " refused by the broker: " + exception.getMessage()));
            }
            if (!(exception instanceof RecordTooLargeException)) {
                return Response.fail();
            }
            LOG.warn("output to {} too large ({} bytes) for input {}/{}@{}; input dead-lettered to {}", record.topic(),
                    record.value() == null ? 0 : record.value().length, context.topic(), context.partition(),
                    context.offset(), topic);
            return Response.resume(deadLetter(topic, context, context.sourceRawKey(), context.sourceRawValue(),
                    "output record to " + record.topic() + " too large: " + exception.getMessage()));
        }

        @Override
        @SuppressWarnings("rawtypes") // the interface declares the record raw
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
                Exception exception, SerializationExceptionOrigin origin) {
            LOG.warn("cannot serialise output {} to {} for input {}/{}@{}; input dead-lettered to {}", origin,
                    record.topic(), context.topic(), context.partition(), context.offset(), topic);
            return Response.resume(deadLetter(topic, context, context.sourceRawKey(), context.sourceRawValue(),
                    "cannot serialise output " + origin + " to " + record.topic() + ": " + exception));
        }
    }

    private static List<ProducerRecord<byte[], byte[]>> deadLetter(String topic, ErrorHandlerContext context,
            byte[] key, byte[] value, String reason) {
        if (topic == null) {
            return List.of();
        }
        Source source = new Source(context.topic() == null ? "unknown" : context.topic(), context.partition(),
                context.offset());
        Headers headers = DeadLetters.headers(context.headers(), DeadLetterKind.PROCESSING_ERROR,
                reason + " (at " + source + ")", source);
        return List.of(new ProducerRecord<>(topic, null, key, value == null ? "".getBytes(StandardCharsets.UTF_8) : value,
                headers));
    }

    private static String dlqTopic(Map<String, ?> configs) {
        Object t = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        return t == null || t.toString().isBlank() ? null : t.toString();
    }
}
