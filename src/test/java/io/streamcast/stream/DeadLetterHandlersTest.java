package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The exception handlers the service configures: dead-letter the source record, resume. */
class DeadLetterHandlersTest {
    private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "{\"raw\":true}".getBytes(StandardCharsets.UTF_8);

    private record Context(String topic, int partition, long offset) implements ErrorHandlerContext {
        @Override
        public Headers headers() {
            return new RecordHeaders().add("trace", "t1".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String processorNodeId() {
            return "streamcast-resample";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, partition);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return KEY;
        }

        @Override
        public byte[] sourceRawValue() {
            return VALUE;
        }
    }

    private static final Map<String, Object> CONFIG = Map.of("errors.dead.letter.queue.topic.name", "my.dlq");

    @Test
    void shouldResumeAfterAProcessorFailureAndDeadLetterTheSourceRecord() {
        DeadLetterHandlers.Processing handler = new DeadLetterHandlers.Processing();
        handler.configure(CONFIG);
        ProcessingExceptionHandler.Response r = handler.handleError(new Context("in", 3, 42),
                new Record<>("k", "v", 0), new IllegalStateException("kaput"));
        assertEquals(ProcessingExceptionHandler.Result.RESUME, r.result());
        List<ProducerRecord<byte[], byte[]>> dead = r.deadLetterQueueRecords();
        assertEquals(1, dead.size());
        ProducerRecord<byte[], byte[]> d = dead.get(0);
        assertEquals("my.dlq", d.topic());
        assertArrayEquals(KEY, d.key());
        assertArrayEquals(VALUE, d.value());
        assertEquals("processing-error", TopologyHarness.header(d.headers(), DeadLetters.KIND));
        assertEquals("in", TopologyHarness.header(d.headers(), DeadLetters.TOPIC));
        assertEquals("3", TopologyHarness.header(d.headers(), DeadLetters.PARTITION));
        assertEquals("42", TopologyHarness.header(d.headers(), DeadLetters.OFFSET));
        assertEquals("t1", TopologyHarness.header(d.headers(), "trace"), "the record's own headers are kept");
        String reason = TopologyHarness.header(d.headers(), DeadLetters.REASON);
        assertTrue(reason.contains("streamcast-resample") && reason.contains("kaput"), reason);
    }

    @Test
    void shouldResumeAfterARecordThatCannotBeDeserialised() {
        DeadLetterHandlers.Deserialization handler = new DeadLetterHandlers.Deserialization();
        handler.configure(CONFIG);
        DeserializationExceptionHandler.Response r = handler.handleError(new Context("in", 1, 7),
                new ConsumerRecord<>("in", 1, 7, KEY, VALUE), new IllegalArgumentException("bad bytes"));
        assertEquals(DeserializationExceptionHandler.Result.RESUME, r.result());
        assertEquals(1, r.deadLetterQueueRecords().size());
        assertArrayEquals(VALUE, r.deadLetterQueueRecords().get(0).value());
        assertEquals("7", TopologyHarness.header(r.deadLetterQueueRecords().get(0).headers(), DeadLetters.OFFSET));
    }

    @Test
    void shouldDeadLetterTheInputOfAnOutputTooLargeToSendAndFailOnOtherSendErrors() {
        DeadLetterHandlers.Production handler = new DeadLetterHandlers.Production();
        handler.configure(CONFIG);
        ProducerRecord<byte[], byte[]> big = new ProducerRecord<>("streamcast.forecasts", KEY, new byte[10]);
        org.apache.kafka.streams.errors.ProductionExceptionHandler.Response r = handler.handleError(
                new Context("in", 0, 5), big, new org.apache.kafka.common.errors.RecordTooLargeException("1 MB"));
        assertEquals(org.apache.kafka.streams.errors.ProductionExceptionHandler.Result.RESUME, r.result());
        assertArrayEquals(VALUE, r.deadLetterQueueRecords().get(0).value());
        assertTrue(TopologyHarness.header(r.deadLetterQueueRecords().get(0).headers(), DeadLetters.REASON)
                .contains("too large"));
        assertEquals(org.apache.kafka.streams.errors.ProductionExceptionHandler.Result.FAIL, handler.handleError(
                new Context("in", 0, 6), big, new org.apache.kafka.common.errors.AuthorizationException("no"))
                .result());
    }

    @Test
    void shouldDeadLetterTheInputOfAnOutputTheBrokerRefusesForItsTimestamp() {
        // a broker refuses records stamped outside message.timestamp.{before,after}.max.ms: no retry helps,
        // and failing would stop the stream on one event's clock
        DeadLetterHandlers.Production handler = new DeadLetterHandlers.Production();
        handler.configure(CONFIG);
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>("streamcast.forecasts", 0, 32_503_680_000_000L, KEY,
                new byte[10]);
        org.apache.kafka.streams.errors.ProductionExceptionHandler.Response r = handler.handleError(
                new Context("in", 0, 9), out, new org.apache.kafka.common.errors.InvalidTimestampException("too new"));
        assertEquals(org.apache.kafka.streams.errors.ProductionExceptionHandler.Result.RESUME, r.result());
        ProducerRecord<byte[], byte[]> d = r.deadLetterQueueRecords().get(0);
        assertArrayEquals(VALUE, d.value());
        assertEquals(null, d.timestamp(), "stamped by the producer's clock, which the broker accepts");
        assertTrue(TopologyHarness.header(d.headers(), DeadLetters.REASON).contains("refused by the broker"));
    }
}
