package io.streamcast.stream;

import static io.streamcast.stream.KafkaTestSupport.produce;
import static io.streamcast.stream.KafkaTestSupport.readUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamcast.metrics.Registries;
import io.streamcast.stream.KafkaTestSupport.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on a real broker: events in, forecasts, anomalies and dead letters out; restart on the
 * same state; two instances sharing four partitions. Subclasses supply the broker — one per class,
 * shared by its tests, each test with topics and an application id of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceOnKafkaContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MINUTE = 60_000;
    /**
     * Event times start six hours ago, on a whole hour. Not a fixed date: the input records are produced
     * with their event time as record timestamp, and the broker deletes segments whose records are older
     * than retention.ms (7 days). (Outputs are stamped when published: BackfillRetentionTest.)
     */
    private static final long T0 = System.currentTimeMillis() / (60 * MINUTE) * (60 * MINUTE) - 6 * 60 * MINUTE;
    private static final AtomicInteger RUN = new AtomicInteger();

    @TempDir
    Path tmp;

    /** Starts the broker; returns its bootstrap servers. */
    abstract String startBroker();

    abstract void stopBroker();

    private String bootstrap;
    private final List<StreamcastService> services = new ArrayList<>();
    private final Map<StreamcastService, io.micrometer.prometheusmetrics.PrometheusMeterRegistry> registries =
            new HashMap<>();

    @BeforeAll
    void broker() {
        bootstrap = startBroker();
    }

    @AfterAll
    void closeBroker() {
        services.forEach(StreamcastService::close);
        stopBroker();
    }

    /** Topic and application names unique to one test. */
    private record Names(String id, String in, String forecasts, String anomalies, String dlq) {
        static Names of(String test) {
            String id = test + "-" + RUN.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
            return new Names(id, id + ".events", id + ".forecasts", id + ".anomalies", id + ".dlq");
        }
    }

    private Map<String, String> config(Names n, String applicationId, Path stateDir, int partitions) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", bootstrap);
        c.put("application.id", applicationId);
        c.put("state.dir", stateDir.toString());
        c.put("streamcast.topics.input", n.in());
        c.put("streamcast.topics.forecasts", n.forecasts());
        c.put("streamcast.topics.anomalies", n.anomalies());
        c.put("streamcast.topics.dlq", n.dlq());
        c.put("streamcast.http.port", "0");
        c.put("streamcast.create-topics.partitions", Integer.toString(partitions));
        return c;
    }

    private StreamcastService start(Map<String, String> config) throws InterruptedException {
        var registry = Registries.prometheus();
        StreamcastService s = StreamcastService.start(RuntimeConfig.from(config), registry);
        services.add(s);
        registries.put(s, registry);
        assertTrue(s.awaitRunning(KafkaTestSupport.DEADLINE), "service running, state " + s.state());
        return s;
    }

    private void stop(StreamcastService s) {
        s.close();
        services.remove(s);
    }

    /** A daily-ish sine with deterministic noise; series {@code spiked} jumps by 40 at step {@code spikeAt}. */
    private static List<Event> events(List<String> series, int from, int to, String spiked, int spikeAt) {
        List<Event> out = new ArrayList<>();
        for (String s : series) {
            SplittableRandom rnd = new SplittableRandom(s.hashCode());
            for (int i = 0; i < to; i++) {
                double v = 10 + 3 * Math.sin(2 * Math.PI * i / 24) + 0.1 * (rnd.nextDouble() - 0.5);
                if (s.equals(spiked) && i == spikeAt) {
                    v += 40;
                }
                if (i >= from) {
                    long ts = T0 + i * MINUTE;
                    out.add(new Event(s, ts, "{\"series\":\"" + s + "\",\"ts\":" + ts + ",\"value\":" + v + "}"));
                }
            }
        }
        return out;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Forecast origins (epoch ms) per series, in the order read. */
    private static Map<String, List<Long>> origins(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            long origin = java.time.Instant.parse(json(r.value()).get("origin").asText()).toEpochMilli();
            out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(origin);
        }
        return out;
    }

    private static boolean everySeriesReached(List<ConsumerRecord<String, byte[]>> records, List<String> series,
            long lastTs) {
        Map<String, List<Long>> o = origins(records);
        return series.stream().allMatch(s -> o.getOrDefault(s, List.of()).contains(lastTs));
    }

    @Test
    void shouldPublishForecastsAnomaliesAndDeadLettersForProducedEvents() throws Exception {
        Names n = Names.of("outputs");
        Map<String, String> config = config(n, n.id(), tmp.resolve("state"), 2);
        // A threshold every scored event passes once the detector is warm: this test is about the anomalies
        // path on a real broker (flag → topic, contract format), not about which events deserve a flag.
        config.put("streamcast.anomaly.threshold", "0.01");
        config.put("streamcast.topics.scores", n.id() + ".scores");
        StreamcastService service = start(config);
        List<String> series = List.of("sensor-a", "sensor-b");
        List<Event> events = new ArrayList<>(events(series, 0, 240, "sensor-a", 200));
        events.add(new Event(null, T0, "{\"series\":\"sensor-a\",\"ts\":"));             // malformed JSON
        events.add(new Event("sensor-b", T0, "{\"series\":\"sensor-b\",\"value\":1.0}")); // no ts
        produce(bootstrap, n.in(), events);

        long last = T0 + 239 * MINUTE;
        List<ConsumerRecord<String, byte[]>> forecasts = readUntil(bootstrap, n.forecasts(),
                r -> everySeriesReached(r, series, last), "forecasts up to the last event of every series");
        for (ConsumerRecord<String, byte[]> r : forecasts) {
            JsonNode f = json(r.value());
            assertEquals(r.key(), f.get("series").asText());
            assertFalse(f.get("model").asText().isEmpty());
            JsonNode points = f.get("points");
            assertEquals(10, points.size(), "default horizon");
            for (JsonNode p : points) {
                assertTrue(Double.isFinite(p.get("mean").asDouble(Double.NaN)), "a mean: " + p);
                // lo/hi are null while the interval warms up, else they hold the mean
                assertTrue(p.get("lo").isNull() && p.get("hi").isNull() || p.get("lo").asDouble() <= p.get("mean")
                        .asDouble() && p.get("mean").asDouble() <= p.get("hi").asDouble(), "interval: " + p);
            }
        }
        Map<String, List<Long>> origins = origins(forecasts);
        assertEquals(240, origins.get("sensor-a").size(), "one forecast per event, no duplicates");
        assertEquals(240, new HashSet<>(origins.get("sensor-b")).size());

        List<ConsumerRecord<String, byte[]>> scores = readUntil(bootstrap, n.id() + ".scores", r -> r.size() >= 480,
                "a score for every event");
        assertEquals(480, scores.size());
        List<ConsumerRecord<String, byte[]>> anomalies = readUntil(bootstrap, n.anomalies(), r -> !r.isEmpty(),
                "flagged events");
        for (ConsumerRecord<String, byte[]> a : anomalies) {
            JsonNode flagged = json(a.value());
            assertEquals(a.key(), flagged.get("series").asText());
            assertTrue(flagged.get("flag").asBoolean(), "flag: " + flagged);
            assertTrue(flagged.get("score").asDouble() >= 0.01, "score at or above the threshold: " + flagged);
            for (String field : List.of("ts", "value", "expected", "model")) {
                assertTrue(flagged.hasNonNull(field), field + " in " + flagged);
            }
        }

        List<ConsumerRecord<String, byte[]>> dead = readUntil(bootstrap, n.dlq(), r -> r.size() >= 2,
                "two dead letters");
        assertEquals(2, dead.size());
        for (ConsumerRecord<String, byte[]> d : dead) {
            assertNotNull(header(d, DeadLetters.REASON), "a readable reason");
            assertEquals(n.in(), header(d, DeadLetters.TOPIC));
            assertNotNull(header(d, DeadLetters.OFFSET));
        }
        assertEquals(Set.of("{\"series\":\"sensor-a\",\"ts\":", "{\"series\":\"sensor-b\",\"value\":1.0}"),
                Set.of(new String(dead.get(0).value(), StandardCharsets.UTF_8),
                        new String(dead.get(1).value(), StandardCharsets.UTF_8)), "the original bytes");

        // The HTTP endpoint answers with the latest forecast, exactly as published.
        ConsumerRecord<String, byte[]> lastB = forecasts.stream().filter(r -> r.key().equals("sensor-b"))
                .reduce((a, b) -> b).orElseThrow();
        HttpResponse<String> answer = get(service.httpPort(), "sensor-b");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(new String(lastB.value(), StandardCharsets.UTF_8), answer.body());
        assertEquals(404, get(service.httpPort(), "no-such-series").statusCode());
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + service.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("streamcast_events_in_total{outcome=\"accepted\",topic=\"" + n.in() + "\"} 480.0"),
                "accepted events counted by topic");
        assertTrue(metrics.contains("kafka_stream_thread_"), "Kafka Streams' own metrics bound");
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics bound");

        // read afresh after the run: nothing the service counted is missing from its topics
        KafkaTestSupport.assertEveryInputAccountedFor(registries.get(service), events.size(),
                KafkaTestSupport.readAll(bootstrap, n.forecasts()).size(),
                KafkaTestSupport.readAll(bootstrap, n.dlq()).size());
    }

    @Test
    void shouldContinueAfterARestartExactlyAsAnUninterruptedRun() throws Exception {
        Names n = Names.of("restart");
        List<String> series = List.of("r-0", "r-1", "r-2");
        TopicCreator.createMissing(Map.of("bootstrap.servers", bootstrap), Set.of(n.in()), 2, (short) 1);
        produce(bootstrap, n.in(), events(series, 0, 200, "none", -1));
        long last = T0 + 299 * MINUTE;

        Map<String, String> config = config(n, n.id(), tmp.resolve("restarted"), 2);
        StreamcastService first = start(config);
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (var reader = KafkaTestSupport.committedReader(bootstrap, n.forecasts())) {
            KafkaTestSupport.readUntil(reader, seen, r -> r.size() >= 150, "some forecasts before the restart");
            stop(first); // mid-stream: input keeps coming while it is down, the rest after the restart
            produce(bootstrap, n.in(), events(series, 200, 300, "none", -1));
            start(config);
            KafkaTestSupport.readUntil(reader, seen, r -> everySeriesReached(r, series, last),
                    "forecasts after the restart");
        }

        // Uninterrupted reference over the same input: its own application id and forecasts topic.
        Map<String, String> refConfig = config(n, n.id() + "-reference", tmp.resolve("reference"), 2);
        refConfig.put("streamcast.topics.forecasts", n.forecasts() + ".reference");
        StreamcastService reference = start(refConfig);
        List<ConsumerRecord<String, byte[]>> expected = readUntil(bootstrap, n.forecasts() + ".reference",
                r -> everySeriesReached(r, series, last), "reference forecasts");
        stop(reference);

        assertEquals(300, bySeries(expected).get("r-0").size());
        assertEquals(bySeries(expected), bySeries(seen),
                "same forecasts, none duplicated, as the uninterrupted run (read_committed)");
    }

    /**
     * A network's shared state outgrows one Kafka record (its replay buffer reaches megabytes): the checkpoint
     * goes to the changelog in pieces under the broker's and producer's default 1 MB limits, and the service
     * carries on — before, the stream thread died on {@code RecordTooLargeException}.
     */
    @Test
    void shouldCheckpointANetworkLargerThanOneKafkaRecordAndCarryOn() throws Exception {
        Names n = Names.of("large-checkpoint");
        List<String> series = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            series.add("c-" + i);
        }
        int steps = 300; // a minute apart, all in the past (the broker refuses timestamps an hour ahead)
        TopicCreator.createMissing(Map.of("bootstrap.servers", bootstrap), Set.of(n.in()), 1, (short) 1);
        produce(bootstrap, n.in(), events(series, 0, steps, "none", -1));
        Map<String, String> config = config(n, n.id(), tmp.resolve("large-checkpoint"), 1);
        config.put("streamcast.model", "ffar");
        config.put("streamcast.checkpoint.batches", "20");
        StreamcastService service = start(config);
        List<ConsumerRecord<String, byte[]>> forecasts = readUntil(bootstrap, n.forecasts(),
                r -> everySeriesReached(r, series, T0 + (steps - 1) * MINUTE), "a forecast for every event");
        assertEquals(steps, bySeries(forecasts).get("c-0").size());
        assertEquals(KafkaStreams.State.RUNNING, service.state(), "still running: " + service.failure());

        // a third piece of shared state: the network's state was over 1 MB in this run
        String changelog = n.id() + "-" + StreamcastTopology.CHECKPOINT_STORE + "-changelog";
        long largestPiece = readUntil(bootstrap, changelog, r -> r.stream().anyMatch(x -> x.key().endsWith("#00002")),
                "a checkpoint of over 1 MB in the changelog").stream()
                .filter(r -> r.key().startsWith("shared/") && r.value() != null)
                .mapToLong(r -> r.value().length).max().orElse(0);
        assertTrue(largestPiece <= 512 * 1024, "largest piece " + largestPiece + " bytes");
        stop(service);
    }

    private static Map<String, List<String>> bySeries(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<String>> out = new TreeMap<>();
        records.forEach(r -> out.computeIfAbsent(r.key(), k -> new ArrayList<>())
                .add(new String(r.value(), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void shouldHandOverTheSeriesOfAStoppedInstance() throws Exception {
        Names n = Names.of("failover");
        List<String> series = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            series.add("f-" + i);
        }
        Map<String, String> base = config(n, n.id(), tmp.resolve("a"), 4);
        StreamcastService a = start(base);
        Map<String, String> other = new HashMap<>(base);
        other.put("state.dir", tmp.resolve("b").toString());
        StreamcastService b = start(other);
        KafkaTestSupport.await(() -> a.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                && b.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING, "both instances running");

        produce(bootstrap, n.in(), events(series, 0, 100, "none", -1));
        try (var reader = KafkaTestSupport.committedReader(bootstrap, n.forecasts())) {
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            KafkaTestSupport.readUntil(reader, seen, r -> everySeriesReached(r, series, T0 + 99 * MINUTE),
                    "first half forecast by the two instances");
            // Every series is answered by either instance; one of them forwards to the owner.
            Set<Integer> statuses = new HashSet<>();
            for (String s : series) {
                HttpResponse<String> viaA = get(a.httpPort(), s);
                HttpResponse<String> viaB = get(b.httpPort(), s);
                statuses.add(viaA.statusCode());
                statuses.add(viaB.statusCode());
                assertEquals(viaA.body(), viaB.body(), "both instances give the owner's answer for " + s);
            }
            assertEquals(Set.of(200), statuses);

            stop(b);
            produce(bootstrap, n.in(), events(series, 100, 200, "none", -1));
            KafkaTestSupport.readUntil(reader, seen, r -> everySeriesReached(r, series, T0 + 199 * MINUTE),
                    "the remaining instance forecasts every series after the other stopped");
            Map<String, List<Long>> origins = origins(seen);
            for (String s : series) {
                assertEquals(200, new HashSet<>(origins.get(s)).size(), "every step of " + s + " forecast");
            }
            for (String s : series) {
                KafkaTestSupport.await(() -> get(a.httpPort(), s).statusCode() == 200, "A answers for " + s);
            }
        }
    }

    @Test
    void shouldApplyChangesFromTheConfigTopicWithoutARestart() throws Exception {
        Names n = Names.of("configtopic");
        Map<String, String> config = config(n, n.id(), tmp.resolve("state"), 1);
        String configTopic = n.id() + ".config";
        config.put("streamcast.config.topic", configTopic);
        config.put("streamcast.horizon", "10");
        // compacted, as the service creates it: a config topic that deletes by age is refused (TopicCheck)
        TopicCreator.createMissing(Map.of("bootstrap.servers", bootstrap),
                Map.of(configTopic, Map.of("cleanup.policy", "compact")), 1, (short) 1);
        produce(bootstrap, configTopic, List.of(new Event("streamcast.horizon", T0, "6"))); // an override before start
        StreamcastService service = start(config);
        assertEquals(6, service.config().service().defaults().horizon(), "the topic's override wins over the flags");

        List<String> series = List.of("c-0");
        produce(bootstrap, n.in(), events(series, 0, 50, "none", -1));
        try (var reader = KafkaTestSupport.committedReader(bootstrap, n.forecasts())) {
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            KafkaTestSupport.readUntil(reader, seen, r -> everySeriesReached(r, series, T0 + 49 * MINUTE),
                    "forecasts before the change");
            assertTrue(seen.stream().allMatch(r -> json(r.value()).get("points").size() == 6));

            produce(bootstrap, configTopic, List.of(new Event("streamcast.horizon", T0, "zero"))); // invalid: ignored
            produce(bootstrap, configTopic, List.of(new Event("streamcast.horizon", T0, "3")));
            KafkaTestSupport.await(() -> service.reconfigurations() >= 1 && service.config().service().defaults()
                    .horizon() == 3, "the valid change applied");
            produce(bootstrap, n.in(), events(series, 50, 60, "none", -1));
            KafkaTestSupport.readUntil(reader, seen, r -> everySeriesReached(r, series, T0 + 59 * MINUTE),
                    "forecasts after the change");
            Map<Long, Integer> horizonByOrigin = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : seen) {
                JsonNode f = json(r.value());
                horizonByOrigin.put(java.time.Instant.parse(f.get("origin").asText()).toEpochMilli(),
                        f.get("points").size());
            }
            assertEquals(60, horizonByOrigin.size(), "every event forecast once, before and after the change");
            for (int i = 50; i < 60; i++) {
                assertEquals(3, horizonByOrigin.get(T0 + i * MINUTE), "horizon after the change, step " + i);
            }
        }
        assertTrue(service.state().isRunningOrRebalancing());
    }

    static HttpResponse<String> get(int port, String series) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/series/" + HttpApi.pathSegment(series) + "/forecast")).timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
