package io.streamcast.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration changes without a restart: a compacted topic (one partition) whose records are
 * overrides — key a configuration key, value its value, a tombstone (null value) removes the
 * override. Overrides win over the file, the environment and the flags. At start the whole topic is
 * read before the service starts; afterwards every change is validated like any configuration and,
 * when valid, handed to the service (which restarts its streams on it); an invalid change is logged
 * with the key that is wrong, counted, and ignored.
 */
final class ConfigTopicWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigTopicWatcher.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final Map<String, String> base;
    private final Map<String, String> overrides = new TreeMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean stopping;
    private Thread thread;
    private RuntimeConfig current;

    private ConfigTopicWatcher(String topic, Map<String, String> base, KafkaConsumer<String, String> consumer) {
        this.topic = topic;
        this.base = base;
        this.consumer = consumer;
    }

    /** Creates the topic if absent and reads it to the end; throws if the overrides make a bad configuration. */
    static ConfigTopicWatcher open(RuntimeConfig config) {
        String topic = config.configTopic().orElseThrow();
        Map<String, Object> client = clientProps(config);
        createCompacted(client, topic, config.replication());
        Properties p = new Properties();
        client.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                p.put(k, v);
            }
        });
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        ConfigTopicWatcher w = new ConfigTopicWatcher(topic, config.properties(), consumer);
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read config topic " + topic + " within "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(w::remember);
            }
            try {
                w.current = RuntimeConfig.from(w.merged());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config topic " + topic + ": " + e.getMessage(), e);
            }
            return w;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    RuntimeConfig current() {
        return current;
    }

    long applied() {
        return applied.get();
    }

    long rejected() {
        return rejected.get();
    }

    /** Follows the topic on a thread of its own, handing every valid change to {@code apply}. */
    void start(Consumer<RuntimeConfig> apply) {
        thread = new Thread(() -> follow(apply), "streamcast-config-topic");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(Consumer<RuntimeConfig> apply) {
        try {
            while (!stopping) {
                var records = consumer.poll(Duration.ofSeconds(1));
                if (records.isEmpty()) {
                    continue;
                }
                records.forEach(this::remember);
                RuntimeConfig next;
                try {
                    next = RuntimeConfig.from(merged());
                } catch (IllegalArgumentException e) {
                    rejected.incrementAndGet();
                    LOG.error("config topic {}: change rejected, keeping the configuration in force: {}", topic,
                            e.getMessage());
                    continue;
                }
                current = next;
                apply.accept(next);
                applied.incrementAndGet();
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("config topic {}: no longer followed", topic, e);
        }
    }

    private void remember(ConsumerRecord<String, String> r) {
        if (r.key() == null) {
            LOG.warn("config topic {}: record at offset {} has no key; ignored", topic, r.offset());
        } else if (r.value() == null) {
            overrides.remove(r.key().trim());
        } else {
            overrides.put(r.key().trim(), r.value().trim());
        }
    }

    private Map<String, String> merged() {
        Map<String, String> m = new HashMap<>(base);
        m.putAll(overrides);
        return m;
    }

    private static Map<String, Object> clientProps(RuntimeConfig config) {
        Map<String, Object> all = new HashMap<>(config.service().kafka());
        if (!all.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("no bootstrap.servers configured for the config topic");
        }
        return all;
    }

    private static void createCompacted(Map<String, Object> client, String topic, short replication) {
        Properties p = new Properties();
        client.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                p.put(k, v);
            }
        });
        try (Admin admin = Admin.create(p)) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, 1, replication)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create config topic " + topic + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create config topic " + topic + ": timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating config topic " + topic, e);
        }
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumer.close();
    }
}
