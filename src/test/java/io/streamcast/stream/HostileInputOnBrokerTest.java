package io.streamcast.stream;

import io.streamcast.broker.EmbeddedBroker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamcast.metrics.MeterNames;
import io.streamcast.metrics.Registries;
import io.streamcast.stream.HostileCorpus.Entry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slice of the hostile corpus — over 10 000 bad records among 600 good events, plus records between
 * {@code streamcast.input.max-bytes} and the broker's own 1 MB limit — produced by a real producer to an
 * embedded broker and read by the service: it keeps running, every bad record is in the dead-letter topic
 * with its kind, {@code streamcast.events.in{outcome}} counts the same, and the forecasts are those the
 * good events alone give in {@link TopologyHarness}.
 */
class HostileInputOnBrokerTest {
    @TempDir
    Path tmp;

    @Test
    void shouldKeepRunningAndDeadLetterEveryBadRecordProducedToARealBroker() throws Exception {
        // recent event times: the broker deletes records older than its retention (7 days) and refuses any
        // stamped more than an hour ahead of its clock
        Instant t0 = Instant.ofEpochMilli(System.currentTimeMillis() / 60_000 * 60_000).minus(Duration.ofHours(6));
        List<Entry> corpus = new ArrayList<>(HostileCorpus.generate(7L, t0, 6, 100, 100, false));
        long late = t0.toEpochMilli() + 99 * 60_000L;
        byte[] bigId = ("{\"series\":\"" + "m".repeat(700_000) + "\",\"ts\":" + late + ",\"value\":1}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bigFrame = ("{\"series\":\"good-0\",\"ts\":" + late + ",\"values\":[" + "1,".repeat(300_000) + "1]}")
                .getBytes(StandardCharsets.UTF_8);
        corpus.add(new Entry(null, bigId, null, late, "too-large", "700 KB series id"));
        corpus.add(new Entry("good-0".getBytes(StandardCharsets.UTF_8), bigFrame, null, late, "too-large",
                "frame of 300 001 values"));
        Map<String, Integer> expected = HostileCorpus.kinds(corpus);
        int bad = expected.values().stream().mapToInt(Integer::intValue).sum();
        List<Entry> good = HostileCorpus.goodOnly(corpus);
        assertTrue(bad >= 10_000, bad + " bad records");

        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("bootstrap.servers", broker.bootstrapServers());
            config.put("application.id", "hostile");
            config.put("state.dir", tmp.toString());
            config.put("streamcast.topics.input", "hostile.events");
            config.put("streamcast.topics.forecasts", "hostile.forecasts");
            config.put("streamcast.topics.anomalies", "hostile.anomalies");
            config.put("streamcast.topics.dlq", "hostile.dlq");
            // one partition: the corpus puts a series' duplicates right after its events, in one order
            config.put("streamcast.create-topics.partitions", "1");
            config.put("streamcast.http.port", "0");
            PrometheusMeterRegistry registry = Registries.prometheus();
            try (StreamcastService service = StreamcastService.start(RuntimeConfig.from(config), registry)) {
                assertTrue(service.awaitRunning(KafkaTestSupport.DEADLINE), "service running");
                produce(broker.bootstrapServers(), "hostile.events", corpus);

                List<ConsumerRecord<String, byte[]>> dead = KafkaTestSupport.readUntil(broker.bootstrapServers(),
                        "hostile.dlq", r -> r.size() >= bad, bad + " dead letters");
                List<ConsumerRecord<String, byte[]>> forecasts = KafkaTestSupport.readUntil(
                        broker.bootstrapServers(), "hostile.forecasts", r -> r.size() >= good.size(),
                        good.size() + " forecasts");

                Map<String, Integer> byKind = new TreeMap<>();
                for (ConsumerRecord<String, byte[]> d : dead) {
                    String kind = TopologyHarness.header(d.headers(), DeadLetters.KIND);
                    int offset = Integer.parseInt(TopologyHarness.header(d.headers(), DeadLetters.OFFSET));
                    assertEquals(corpus.get(offset).kind(), kind, "record " + offset + " ("
                            + corpus.get(offset).what() + "): " + TopologyHarness.header(d.headers(),
                            DeadLetters.REASON));
                    byKind.merge(kind, 1, Integer::sum);
                }
                assertEquals(expected, byKind);
                for (Map.Entry<String, Integer> k : expected.entrySet()) {
                    assertEquals(k.getValue(), count(registry, k.getKey()), "streamcast.events.in{outcome="
                            + k.getKey() + "}");
                }
                assertEquals(good.size(), count(registry, MeterNames.OUTCOME_ACCEPTED));
                assertEquals(KafkaStreams.State.RUNNING, service.state());
                assertFalse(service.failed());
                assertEquals(forecastsOf(good), byKey(forecasts), "forecasts as the good events alone give");
                KafkaTestSupport.assertEveryInputAccountedFor(registry, corpus.size(),
                        KafkaTestSupport.readAll(broker.bootstrapServers(), "hostile.forecasts").size(),
                        KafkaTestSupport.readAll(broker.bootstrapServers(), "hostile.dlq").size());
            }
        }
    }

    private static int count(PrometheusMeterRegistry registry, String outcome) {
        return (int) registry.find(MeterNames.EVENTS_IN).tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Forecast values per series, in order: the same whatever the batches were. */
    private static Map<String, List<String>> byKey(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<String>> out = new TreeMap<>();
        records.forEach(r -> out.computeIfAbsent(r.key(), k -> new ArrayList<>())
                .add(new String(r.value(), StandardCharsets.UTF_8)));
        return out;
    }

    private static Map<String, List<String>> forecastsOf(List<Entry> good) {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            for (Entry e : good) {
                h.send(e.key(), e.value(), e.headers(), e.timestamp());
            }
            h.driver.advanceWallClockTime(Duration.ofSeconds(1));
            Map<String, List<String>> out = new TreeMap<>();
            for (String line : h.outputLines()) {
                String[] f = line.split(" ", 4);
                if (f[0].equals("forecasts")) {
                    out.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f[3]);
                }
            }
            return out;
        }
    }

    private static void produce(String bootstrap, String topic, List<Entry> corpus)
            throws InterruptedException, ExecutionException {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (Entry e : corpus) {
                sent.add(producer.send(new ProducerRecord<>(topic, 0, e.timestamp(), e.key(), e.value(),
                        e.headers() == null ? new RecordHeaders() : e.headers())));
            }
            producer.flush();
            for (Future<?> f : sent) {
                f.get();
            }
        }
    }
}
