package io.streamcast.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing, consuming and waiting against a real broker, with deadlines instead of sleeps. */
final class KafkaTestSupport {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    private KafkaTestSupport() {
    }

    /** One event of the input contract; {@code key} null sends it without a key. */
    record Event(String key, long ts, String value) {
    }

    static void produce(String bootstrap, String topic, List<Event> events) {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (Event e : events) {
                sent.add(producer.send(new ProducerRecord<>(topic, null, e.ts(), e.key(), e.value())));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(); // a record the broker refused fails the test here, not later as a missing output
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("producing to " + topic + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while producing to " + topic, e);
        }
    }

    /** A read_committed consumer of one topic from the beginning: it sees only committed transactions. */
    static KafkaConsumer<String, byte[]> committedReader(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(topic));
        return c;
    }

    /** Polls into {@code into} until {@code done} holds for everything read so far, or fails at the deadline. */
    static List<ConsumerRecord<String, byte[]>> readUntil(KafkaConsumer<String, byte[]> consumer,
            List<ConsumerRecord<String, byte[]>> into, Predicate<List<ConsumerRecord<String, byte[]>>> done,
            String what) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!done.test(into)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("within " + DEADLINE.toSeconds() + " s: " + what + "; read " + into.size()
                        + " records");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(into::add);
        }
        return into;
    }

    static List<ConsumerRecord<String, byte[]>> readUntil(String bootstrap, String topic,
            Predicate<List<ConsumerRecord<String, byte[]>>> done, String what) {
        try (KafkaConsumer<String, byte[]> c = committedReader(bootstrap, topic)) {
            return readUntil(c, new ArrayList<>(), done, what);
        }
    }

    /** The log start offset of every partition of {@code topic}: above 0 once the broker deleted records from it. */
    static Map<TopicPartition, Long> earliestOffsets(Admin admin, String topic) {
        try {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest()));
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(earliest).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("cannot list the offsets of " + topic + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while listing the offsets of " + topic, e);
        }
    }

    /**
     * Every committed record of {@code topic} as it is now, from the start of each partition to its last stable
     * offset: what a read_committed consumer that starts afresh finds there after a run.
     */
    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic, DEADLINE).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, DEADLINE); // read_committed: the stable offsets
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            Instant deadline = Instant.now().plus(DEADLINE);
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("within " + DEADLINE.toSeconds() + " s: " + topic + " read to " + end
                            + "; read " + out.size() + " records");
                }
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /**
     * The count that catches lost outputs, read after a run: every input record the service read is a forecast,
     * a dead letter, or a drop it counted (an accepted event that publishes no forecast of its own, e.g. one of
     * several events aggregated into a window) — and the service read every record produced.
     */
    static void assertEveryInputAccountedFor(io.micrometer.core.instrument.MeterRegistry registry, long produced,
            long forecasts, long deadLetters) {
        long read = Math.round(registry.find(io.streamcast.metrics.MeterNames.EVENTS_IN).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum());
        long accepted = Math.round(registry.find(io.streamcast.metrics.MeterNames.EVENTS_IN)
                .tag("outcome", io.streamcast.metrics.MeterNames.OUTCOME_ACCEPTED).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum());
        long published = Math.round(registry.find(io.streamcast.metrics.MeterNames.FORECASTS_OUT).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum());
        long drops = accepted - published;
        if (read != produced || drops < 0 || forecasts + deadLetters + drops != produced) {
            throw new AssertionError("inputs not accounted for: produced " + produced + ", read " + read
                    + "; on the topics " + forecasts + " forecasts + " + deadLetters + " dead letters + " + drops
                    + " counted drops (accepted " + accepted + " − forecasts counted " + published + ") = "
                    + (forecasts + deadLetters + drops));
        }
    }

    /** Waits for a condition with a deadline; the condition is re-evaluated every poll interval. */
    static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        Object lock = new Object();
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("within " + DEADLINE.toSeconds() + " s: " + what);
            }
            synchronized (lock) {
                lock.wait(100); // polling interval of a condition that has a deadline, not a synchronisation sleep
            }
        }
    }
}
