package io.streamcast.cli;

import io.streamcast.broker.EmbeddedBroker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.replay.RecordLine;
import io.streamcast.replay.TopicRecorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code record} and {@code replay} through the command line against a real broker in this JVM. */
class RecordReplayRoundTripTest {

    /**
     * Record timestamps of a day ago on a whole hour: not a fixed date, which the broker's shipped retention (7 days,
     * by record timestamp) deletes at its next check once the calendar has moved past it.
     */
    private static final long BASE_TS = System.currentTimeMillis() / 3_600_000 * 3_600_000 - 24 * 3_600_000L;
    private static EmbeddedBroker broker;
    private static Admin admin;

    @TempDir
    Path dir;

    /** What identifies a record apart from where it was stored. */
    private record Content(String key, String value, long timestamp, List<RecordLine.Header> headers) {
        static Content of(RecordLine r) {
            return new Content(text(r.key()), text(r.value()), r.timestamp(), r.headers());
        }

        private static String text(byte[] b) {
            return b == null ? null : java.util.Base64.getEncoder().encodeToString(b);
        }
    }

    private record Run(int exitCode, String err) {
    }

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    private static String topic(String prefix, int partitions) throws Exception {
        String name = prefix + "-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        return name;
    }

    private static Run cli(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter()))
                .execute(args);
        return new Run(code, err.toString());
    }

    private static Map<Integer, List<Content>> byPartition(List<RecordLine> lines) {
        Map<Integer, List<Content>> m = new TreeMap<>();
        for (RecordLine r : lines) {
            m.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(Content.of(r));
        }
        return m;
    }

    private static List<RecordLine> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(RecordLine::parse).toList();
    }

    /** Keyed events, null keys on chosen partitions, headers, a tombstone and a binary value. */
    private static Map<Integer, List<Content>> produce(String topic) throws Exception {
        Map<Integer, List<Content>> sent = new TreeMap<>();
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 60; i++) {
                byte[] key = i % 10 == 9 ? null : ("s" + i % 7).getBytes(StandardCharsets.UTF_8);
                byte[] value = i == 20 ? null : i == 21 ? new byte[] {(byte) 0xff, (byte) 0xfe, 0}
                        : ("{\"series\":\"s" + i % 7 + "\",\"ts\":" + (BASE_TS + 250L * i) + ",\"value\":" + i + "}")
                                .getBytes(StandardCharsets.UTF_8);
                // event times are not monotonic across partitions: replay must keep them anyway
                long ts = BASE_TS + 250L * i - (i % 3 == 0 ? 5_000 : 0);
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, key == null ? i % 3 : null, ts, key, value);
                if (i % 4 == 0) {
                    r.headers().add(new RecordHeader("trace", ("t" + i).getBytes(StandardCharsets.UTF_8)));
                    r.headers().add(new RecordHeader("none", null));
                }
                RecordMetadata m = p.send(r).get(30, TimeUnit.SECONDS);
                List<RecordLine.Header> hs = new ArrayList<>();
                r.headers().forEach(h -> hs.add(new RecordLine.Header(h.key(), h.value())));
                sent.computeIfAbsent(m.partition(), x -> new ArrayList<>()).add(new Content(
                        Content.text(key), Content.text(value), ts, hs));
            }
        }
        return sent;
    }

    @Test
    void shouldPreserveKeysValuesTimestampsHeadersAndOrderPerPartitionThroughRecordAndReplay() throws Exception {
        String source = topic("rt-source", 3);
        String copy = topic("rt-copy", 3);
        Map<Integer, List<Content>> produced = produce(source);
        Path first = dir.resolve("source.jsonl");
        Path second = dir.resolve("copy.jsonl");
        String bs = broker.bootstrapServers();

        Run rec = cli("record", "--topic", source, "--file", first.toString(), "--bootstrap-servers", bs, "--to-end");
        assertEquals(0, rec.exitCode(), rec.err());
        assertTrue(rec.err().contains("recorded 60 records from " + source + " (3 partitions)"), rec.err());
        List<RecordLine> recorded = read(first);
        assertEquals(produced, byPartition(recorded));
        for (List<RecordLine> part : List.of(recorded)) {
            part.forEach(r -> assertEquals(source, r.topic()));
        }

        Run replay = cli("replay", "--file", first.toString(), "--topic", copy, "--bootstrap-servers", bs,
                "--speed", "max");
        assertEquals(0, replay.exitCode(), replay.err());
        assertTrue(replay.err().contains("replayed 60 records from " + first + " to " + copy), replay.err());

        Run again = cli("record", "--topic", copy, "--file", second.toString(), "--bootstrap-servers", bs, "--to-end");
        assertEquals(0, again.exitCode(), again.err());
        List<RecordLine> copied = read(second);
        assertEquals(produced, byPartition(copied));
        for (RecordLine r : copied) { // offsets renumbered from 0 in the new topic, gap-free
            long before = copied.stream().filter(o -> o.partition() == r.partition() && o.offset() < r.offset()).count();
            assertEquals(before, r.offset());
        }
    }

    @Test
    void shouldStopRecordingAtMax() throws Exception {
        String source = topic("rt-max", 3);
        produce(source);
        Path file = dir.resolve("max.jsonl");

        Run rec = cli("record", "--topic", source, "--file", file.toString(), "--bootstrap-servers",
                broker.bootstrapServers(), "--max", "25");

        assertEquals(0, rec.exitCode(), rec.err());
        assertEquals(25, read(file).size());
        assertTrue(rec.err().contains("stopped by max"), rec.err());
    }

    @Test
    void shouldStopRecordingWhenTheDurationHasPassedOnItsClock() throws Exception {
        String source = topic("rt-duration", 3);
        produce(source);
        // every reading of this clock is one second later: the 5 s bound ends after a few polls, no sleeping
        Clock ticking = new Clock() {
            private long now = BASE_TS;

            @Override
            public long millis() {
                now += 1_000;
                return now;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis());
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        StringWriter out = new StringWriter();
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicRecorder.Summary s = new TopicRecorder(consumer, ticking, new PrintWriter(new StringWriter()))
                    .record(source, new TopicRecorder.Bounds(0, Duration.ofSeconds(5), false, false), out);

            assertEquals("duration", s.stoppedBy());
            assertEquals(s.records(), out.toString().lines().count());
            assertTrue(s.records() <= 60, "at most what the topic holds: " + s.records());
        }
    }

    @Test
    void shouldReplayATimestampValueCsvKeyedByTheGivenSeries() throws Exception {
        String target = topic("rt-csv", 2);
        Path csv = Files.writeString(dir.resolve("temp.csv"), "timestamp,value\n" + Instant.ofEpochMilli(BASE_TS)
                + ",20.5\n" + Instant.ofEpochMilli(BASE_TS + 300_000) + ",21.0\n", StandardCharsets.UTF_8);
        Path file = dir.resolve("csv.jsonl");
        String bs = broker.bootstrapServers();

        long before = System.currentTimeMillis();
        Run replay = cli("replay", "--file", csv.toString(), "--series", "machine-7", "--topic", target,
                "--bootstrap-servers", bs, "--speed", "max");
        assertEquals(0, replay.exitCode(), replay.err());
        assertEquals(0, cli("record", "--topic", target, "--file", file.toString(), "--bootstrap-servers", bs,
                "--to-end").exitCode());

        List<RecordLine> got = read(file);
        long after = System.currentTimeMillis();
        assertEquals(2, got.size());
        assertTrue(got.stream().allMatch(r -> r.timestamp() >= before && r.timestamp() <= after),
                "input events are stamped with the time they are sent, their own time in ts: " + got);
        assertEquals(1, got.stream().map(RecordLine::partition).distinct().count(), "one key, one partition");
        assertEquals("{\"series\":\"machine-7\",\"ts\":" + (BASE_TS + 300_000) + ",\"value\":21.0}",
                new String(got.get(1).value(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldFailOnABadRecordingWithFileAndLineOrSkipAndCountUnderTheFlag() throws Exception {
        String target = topic("rt-bad", 1);
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"timestamp\":1767603600000,\"key\":\"a\",\"value\":\"1\"}\n"
                + "{\"timestamp\":1767603600001,\"key\":\"a\",\"colour\":\"red\"}\n", StandardCharsets.UTF_8);
        String bs = broker.bootstrapServers();

        Run fail = cli("replay", "--file", bad.toString(), "--topic", target, "--bootstrap-servers", bs, "--speed", "max");
        assertEquals(1, fail.exitCode());
        assertTrue(fail.err().contains(bad + ":2: unknown field \"colour\""), fail.err());

        Run skip = cli("replay", "--file", bad.toString(), "--topic", target, "--bootstrap-servers", bs, "--speed",
                "max", "--skip-bad");
        assertEquals(0, skip.exitCode(), skip.err());
        assertTrue(skip.err().contains("1 bad lines skipped"), skip.err());
    }

    @Test
    void shouldSayWhenTheTopicToRecordDoesNotExist() {
        Run r = cli("record", "--topic", "no-such-topic", "--file", dir.resolve("x.jsonl").toString(),
                "--bootstrap-servers", broker.bootstrapServers(), "--to-end");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("topic no-such-topic does not exist"), r.err());
    }

    @Test
    void shouldRejectABadSpeedAsUsageError() {
        Run r = cli("replay", "--file", "x.jsonl", "--topic", "t", "--bootstrap-servers", "localhost:1", "--speed", "fast");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--speed must be a positive number or max, got 'fast'"), r.err());
    }
}
