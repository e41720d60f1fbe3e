package io.streamcast.stream;

import io.streamcast.broker.EmbeddedBroker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamcast.metrics.MeterNames;
import io.streamcast.metrics.Registries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill: events of 30 to 40 days ago, sent now by an ordinary client (record timestamps of today), through
 * the service with its defaults, on a broker with Kafka's shipped retention (7 days, by record timestamp) that
 * checks it every half second. After the service has published everything, the test waits for three retention
 * passes — each proven by a canary record stamped 30 days ago disappearing from a topic of its own — and reads
 * the output topics afresh: every forecast, anomaly and dead letter the service counted is still there, nothing
 * was deleted from the start of any output partition, and inputs = outputs + dead letters + counted drops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillRetentionTest {

    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final int EVENTS_PER_SERIES = 150;
    private static final int RETENTION_PASSES = 3;

    @TempDir
    Path tmp;

    private EmbeddedBroker broker;
    private Admin admin;

    @BeforeAll
    void startBroker() {
        broker = EmbeddedBroker.start(0, null, Map.of(
                "log.retention.check.interval.ms", "500", // Kafka's default is 5 minutes: the same pass, more often
                "log.initial.task.delay.ms", "0"));
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldKeepEveryOutputOfEventsOlderThanTheTopicRetention() throws Exception {
        long t0 = System.currentTimeMillis() / MINUTE * MINUTE - 40 * DAY; // the last event is ~40 days − 150 min old
        List<ProducerRecord<String, String>> input = new ArrayList<>();
        List<String> series = List.of("backfill-a", "backfill-b", "backfill-c", "backfill-d");
        for (String s : series) {
            SplittableRandom rnd = new SplittableRandom(s.hashCode());
            boolean keyed = !s.endsWith("c") && !s.endsWith("d"); // c and d take the repartition topic
            for (int i = 0; i < EVENTS_PER_SERIES; i++) {
                double v = 10 + 3 * Math.sin(2 * Math.PI * i / 24) + 0.1 * rnd.nextDouble() + (i == 120 ? 40 : 0);
                input.add(event(keyed ? s : null, s, t0 + i * MINUTE, Double.toString(v)));
            }
        }
        // seven that cannot be forecast: three malformed, two without ts, two repeats of a step already taken (late)
        input.add(new ProducerRecord<>("streamcast.events", "backfill-a", "{\"series\":\"backfill-a\",\"ts\":"));
        input.add(new ProducerRecord<>("streamcast.events", null, "not an event"));
        input.add(new ProducerRecord<>("streamcast.events", "backfill-b", "{\"series\":"));
        input.add(new ProducerRecord<>("streamcast.events", "backfill-b", "{\"series\":\"backfill-b\",\"value\":1}"));
        input.add(new ProducerRecord<>("streamcast.events", null, "{\"series\":\"backfill-c\",\"value\":1}"));
        input.add(event("backfill-a", "backfill-a", t0, "1.0"));
        input.add(event("backfill-b", "backfill-b", t0 + MINUTE, "1.0"));
        int forecastable = series.size() * EVENTS_PER_SERIES;
        int bad = input.size() - forecastable;

        String bootstrap = broker.bootstrapServers();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.put("application.id", "backfill");
        config.put("state.dir", tmp.resolve("backfill").toString());
        config.put("streamcast.http.port", "0");
        config.put("streamcast.create-topics.partitions", "2");
        // a low threshold so that many steps are flagged: this test counts anomalies, it does not judge them
        config.put("streamcast.anomaly.threshold", "0.05");
        PrometheusMeterRegistry registry = Registries.prometheus();
        try (StreamcastService service = StreamcastService.start(RuntimeConfig.from(config), registry)) {
            assertTrue(service.awaitRunning(KafkaTestSupport.DEADLINE), "service running");
            send(bootstrap, input);

            KafkaTestSupport.await(() -> counted(registry, MeterNames.EVENTS_IN) == input.size()
                    && counted(registry, MeterNames.FORECASTS_OUT) == forecastable,
                    "the service read all " + input.size() + " input records and published " + forecastable
                    + " forecasts");
            List<String> outputs = List.of("streamcast.forecasts", "streamcast.anomalies", "streamcast.dlq");
            awaitCommitted(admin, bootstrap, "streamcast.forecasts", forecastable);
            awaitCommitted(admin, bootstrap, "streamcast.dlq", bad);

            awaitRetentionPasses(admin, bootstrap, RETENTION_PASSES);

            for (String topic : outputs) {
                assertNothingDeleted(admin, topic);
            }
            List<ConsumerRecord<String, byte[]>> forecasts = KafkaTestSupport.readAll(bootstrap,
                    "streamcast.forecasts");
            List<ConsumerRecord<String, byte[]>> anomalies = KafkaTestSupport.readAll(bootstrap,
                    "streamcast.anomalies");
            List<ConsumerRecord<String, byte[]>> dead = KafkaTestSupport.readAll(bootstrap, "streamcast.dlq");
            long published = counted(registry, MeterNames.FORECASTS_OUT);
            long flagged = counted(registry, MeterNames.ANOMALIES);
            assertEquals(forecastable, published, "forecasts the service counted");
            assertTrue(flagged > 0, "the spikes and the low threshold flag some steps");
            assertEquals(published, forecasts.size(), "every forecast counted is on the topic");
            assertEquals(flagged, anomalies.size(), "every anomaly counted is on the topic");
            assertEquals(bad, dead.size(), "every dead letter is on the topic");
            KafkaTestSupport.assertEveryInputAccountedFor(registry, input.size(), forecasts.size(), dead.size());
            assertFalse(service.failed(), "the service is still running: " + service.failure());
        }
    }

    @Test
    void shouldRefuseToStartWhereATopicWouldDeleteWhatTheServiceWrites() throws Exception {
        TopicCreator.createMissing(Map.of("bootstrap.servers", broker.bootstrapServers()),
                Map.of("latest.forecasts", Map.of("cleanup.policy", "compact")), 1, (short) 1);
        Map<String, String> compacted = config("compacted");
        compacted.put("streamcast.topics.forecasts", "latest.forecasts");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> StreamcastService.start(RuntimeConfig.from(compacted), Registries.prometheus()));
        assertTrue(refused.getMessage().contains("topic latest.forecasts is compacted"), refused.getMessage());
        assertTrue(refused.getMessage().contains("streamcast.topics.unsafe=warn"), refused.getMessage());

        // event time on outputs, and the topics it creates delete by time after 7 days: what a backfill publishes
        Map<String, String> eventTime = config("event-time");
        eventTime.put("streamcast.output.timestamp", "event");
        IllegalStateException byAge = assertThrows(IllegalStateException.class,
                () -> StreamcastService.start(RuntimeConfig.from(eventTime), Registries.prometheus()));
        assertTrue(byAge.getMessage().contains("topic event-time.forecasts deletes records stamped more than 7 d ago"),
                byAge.getMessage());
        eventTime.put("streamcast.create-topics.retention", "forever");
        eventTime.put("streamcast.create-topics.dlq-retention", "-1");
        eventTime.put("application.id", "event-time-forever");
        for (String t : List.of("forecasts", "anomalies", "dlq")) {
            eventTime.put("streamcast.topics." + t, "event-time-forever." + t);
        }
        try (StreamcastService service = StreamcastService.start(RuntimeConfig.from(eventTime), Registries.prometheus())) {
            assertTrue(service.awaitRunning(KafkaTestSupport.DEADLINE), "started on topics that keep old timestamps");
        }

        compacted.put("streamcast.topics.unsafe", "warn");
        PrometheusMeterRegistry registry = Registries.prometheus();
        try (StreamcastService service = StreamcastService.start(RuntimeConfig.from(compacted), registry)) {
            assertEquals(1.0, registry.get(MeterNames.TOPIC_UNSAFE).tag("topic", "latest.forecasts").gauge().value());
            assertEquals(0.0, registry.get(MeterNames.TOPIC_UNSAFE).tag("topic", "compacted.dlq").gauge().value());
        }
    }

    private Map<String, String> config(String name) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", broker.bootstrapServers());
        c.put("application.id", name);
        c.put("state.dir", tmp.resolve(name).toString());
        c.put("streamcast.http.port", "0");
        c.put("streamcast.topics.input", name + ".events");
        for (String t : List.of("forecasts", "anomalies", "dlq")) {
            c.put("streamcast.topics." + t, name + "." + t);
        }
        return c;
    }

    /** Waits until {@code count} records of {@code topic} are committed; fails at once if the broker deleted some. */
    private static void awaitCommitted(Admin admin, String bootstrap, String topic, int count)
            throws InterruptedException {
        KafkaTestSupport.await(() -> {
            assertNothingDeleted(admin, topic);
            return KafkaTestSupport.readAll(bootstrap, topic).size() >= count;
        }, count + " records committed to " + topic);
    }

    private static void assertNothingDeleted(Admin admin, String topic) {
        Map<TopicPartition, Long> start = KafkaTestSupport.earliestOffsets(admin, topic);
        if (start.values().stream().anyMatch(o -> o > 0)) {
            throw new AssertionError(topic + ": the broker deleted records from the start of its partitions (log start"
                    + " offsets " + start + "): outputs stamped older than the topic's retention");
        }
    }

    private static ProducerRecord<String, String> event(String key, String series, long ts, String value) {
        // no record timestamp: the producer stamps the send time, as kcat, librdkafka and Java clients do
        return new ProducerRecord<>("streamcast.events", null, null, key,
                "{\"series\":\"" + series + "\",\"ts\":" + ts + ",\"value\":" + value + "}");
    }

    private static void send(String bootstrap, List<ProducerRecord<String, String>> records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all"), new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> r : records) {
                producer.send(r).get(); // one by one: the two late repeats must come after their originals
            }
        }
    }

    /**
     * Waits for {@code passes} retention passes of the broker, each shown by a canary: a record stamped 30 days ago
     * in a topic with the shipped retention, gone (its partition's log start offset past it) once a pass ran.
     */
    private static void awaitRetentionPasses(Admin admin, String bootstrap, int passes) throws Exception {
        String canary = "retention-canary";
        admin.createTopics(List.of(new NewTopic(canary, 1, (short) 1))).all().get();
        TopicPartition tp = new TopicPartition(canary, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all"), new StringSerializer(), new StringSerializer())) {
            for (int pass = 1; pass <= passes; pass++) {
                long offset = producer.send(new ProducerRecord<>(canary, 0, System.currentTimeMillis() - 30 * DAY,
                        "canary", "pass " + pass)).get().offset();
                KafkaTestSupport.await(() -> KafkaTestSupport.earliestOffsets(admin, canary).get(tp) > offset,
                        "retention pass " + pass + " deleted the canary at offset " + offset);
            }
        }
    }

    private static long counted(PrometheusMeterRegistry registry, String name) {
        return Math.round(registry.find(name).counters().stream().mapToDouble(Counter::count).sum());
    }
}
