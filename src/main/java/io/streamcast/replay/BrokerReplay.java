package io.streamcast.replay;

import io.streamcast.stream.ServiceConfig;
import io.streamcast.stream.StreamcastTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The full path of {@link ReplayHarness#onBroker}: topics on a real broker, the recording produced to
 * the input, the topology in a real {@link KafkaStreams} instance, outputs read back read-committed.
 * The end is a real condition, not a pause: the application's committed offsets on the input and then
 * on its repartition topics reaching their end offsets (with exactly-once and one event per batch, the
 * outputs of every committed record are committed in the same transaction).
 */
final class BrokerReplay {
    private static final long POLL_MS = 50;

    private final ServiceConfig config;
    private final Map<String, String> settings;
    private final List<String> outputs;

    BrokerReplay(ServiceConfig config, Map<String, String> settings, List<String> outputs) {
        if (config.batchSize() != 1) {
            throw new IllegalArgumentException("a replay on a broker needs streamcast.batch.size=1 (it is "
                    + config.batchSize() + "): a partly filled batch is flushed on wall-clock time, after the input "
                    + "offsets are committed, so the end of the output could not be told; inProcess takes any size");
        }
        this.config = config;
        this.settings = settings;
        this.outputs = outputs;
    }

    ReplayOutput run(List<RecordLine> records, String bootstrapServers, Duration deadline) {
        String input = config.topics().input().get(0);
        String applicationId = settings.getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG,
                "streamcast-replay-" + UUID.randomUUID());
        long end = System.nanoTime() + deadline.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            createTopics(admin, input);
            long inputEnd = produce(records, bootstrapServers, input);
            var stateDir = ReplayHarness.tempDir("streamcast-replay-broker-");
            Properties p = new Properties();
            p.putAll(StreamcastTopology.streamsProperties(config));
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            p.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
            try (KafkaStreams streams = new KafkaStreams(StreamcastTopology.build(config), p)) {
                streams.start();
                awaitCommitted(admin, streams, applicationId, new TopicPartition(input, 0), inputEnd, end, deadline);
            } finally {
                ReplayHarness.deleteTree(stateDir);
            }
            return new ReplayOutput(outputs, readOutputs(bootstrapServers, end, deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying on " + bootstrapServers, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker " + bootstrapServers + " refused: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * The replay's own topics, with no time retention: a recording keeps the timestamps it was made with and the
     * outputs their event's time, which a broker's retention (7 days by default) would delete at its next check
     * once the recording is older than that.
     */
    private void createTopics(Admin admin, String input) throws InterruptedException, ExecutionException {
        Map<String, String> keepForever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(input, 1, (short) 1).configs(keepForever));
        StreamcastTopology.outputTopics(config).forEach(t -> topics.add(new NewTopic(t, 1, (short) 1)
                .configs(keepForever)));
        var existing = admin.listTopics().names().get();
        for (NewTopic t : topics) {
            if (existing.contains(t.name())) {
                throw new IllegalArgumentException("topic " + t.name() + " already exists on the broker: a replay "
                        + "needs fresh topics (set streamcast.topics.* to names of its own)");
            }
        }
        admin.createTopics(topics).all().get();
    }

    /** Sends every record to partition 0 of the input; returns the input's end offset. */
    private static long produce(List<RecordLine> records, String bootstrapServers, String input)
            throws InterruptedException, ExecutionException {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long last = -1;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
            for (RecordLine r : records) {
                RecordHeaders headers = new RecordHeaders();
                r.headers().forEach(h -> headers.add(h.key(), h.value()));
                sent.add(producer.send(new ProducerRecord<>(input, 0, r.timestamp(), r.key(), r.value(), headers)));
            }
            producer.flush();
            for (var f : sent) {
                last = Math.max(last, f.get().offset());
            }
        }
        return last + 1;
    }

    /**
     * Waits until the application has committed the whole input and then the whole of every repartition
     * topic (events without a key, and audio features, pass through one): with exactly-once the records
     * a commit covers and the outputs they caused are committed together, so then every output is there.
     */
    private static void awaitCommitted(Admin admin, KafkaStreams streams, String group, TopicPartition input,
            long inputEnd, long endNanos, Duration deadline) throws InterruptedException, ExecutionException {
        Map<TopicPartition, Long> targets = new HashMap<>(Map.of(input, inputEnd));
        boolean repartitionsKnown = false;
        Map<TopicPartition, Long> committed = Map.of();
        while (System.nanoTime() < endNanos) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("the streams instance stopped (" + streams.state() + ") before "
                        + "committing its input: committed " + committed + " of " + targets);
            }
            committed = committed(admin, group);
            if (reached(committed, targets)) {
                if (repartitionsKnown) {
                    return;
                }
                // the input is committed, so is everything it wrote to repartition topics: their ends are final
                targets.putAll(repartitionEnds(admin, group));
                repartitionsKnown = true;
                continue;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS); // polling the broker for the condition, bounded by the deadline
        }
        throw new IllegalStateException("the service did not commit its input within " + deadline + ": committed "
                + committed + " of " + targets);
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .forEach((tp, o) -> out.put(tp, o == null ? -1 : o.offset()));
        return out;
    }

    private static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> targets) {
        return targets.entrySet().stream().allMatch(t -> t.getValue() == 0
                || committed.getOrDefault(t.getKey(), -1L) >= t.getValue());
    }

    private static Map<TopicPartition, Long> repartitionEnds(Admin admin, String group)
            throws InterruptedException, ExecutionException {
        List<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get().stream()
                .filter(t -> t.startsWith(group + "-") && t.endsWith("-repartition")).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private List<OutputRecord> readOutputs(String bootstrapServers, long endNanos, Duration deadline)
            throws InterruptedException, ExecutionException {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, List<OutputRecord>> byTopic = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = outputs.stream().map(t -> new TopicPartition(t, 0)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions); // read_committed: the stable offsets
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > endNanos) {
                    throw new IllegalStateException("could not read the output topics to their end within " + deadline);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(new OutputRecord(r.topic(), r.key(),
                            r.timestamp(), r.value(), ReplayHarness.headers(r.headers())));
                }
            }
        }
        List<OutputRecord> out = new ArrayList<>();
        outputs.forEach(t -> out.addAll(byTopic.getOrDefault(t, List.of())));
        return out;
    }
}
