package io.streamcast.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology in a {@link TopologyTestDriver}: JSON or CSV in, output records out.
 * Records get explicit timestamps; wall-clock time only moves when a test advances it.
 */
final class TopologyHarness implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");

    final ServiceConfig config;
    final TopologyTestDriver driver;
    final CountingMetrics metrics = new CountingMetrics();
    private final TestInputTopic<byte[], byte[]> input;
    private final TestOutputTopic<byte[], byte[]> forecasts;
    private final TestOutputTopic<byte[], byte[]> anomalies;
    private final TestOutputTopic<byte[], byte[]> dlq;
    private final TestOutputTopic<byte[], byte[]> scores;
    private final Path stateDir;

    TopologyHarness(Map<String, String> settings) {
        this(settings, null);
    }

    /** A harness on an existing state directory, to restart a task on the state its predecessor left. */
    TopologyHarness(Map<String, String> settings, Path stateDir) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("streamcast.topics.scores", "streamcast.scores");
        config = ServiceConfig.from(all);
        try {
            this.stateDir = stateDir != null ? stateDir : Files.createTempDirectory("streamcast-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties p = new Properties();
        p.putAll(StreamcastTopology.streamsProperties(config));
        p.put("bootstrap.servers", "unused:9092");
        p.put("state.dir", this.stateDir.toString());
        driver = new TopologyTestDriver(StreamcastTopology.build(config, RegistryEngines.INSTANCE, metrics), p,
                T0);
        input = driver.createInputTopic(config.topics().input().get(0), new ByteArraySerializer(),
                new ByteArraySerializer());
        forecasts = output(config.topics().forecasts());
        anomalies = output(config.topics().anomalies());
        dlq = output(config.topics().dlq());
        scores = output(config.topics().scores().orElseThrow());
    }

    private TestOutputTopic<byte[], byte[]> output(String topic) {
        return driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    Path stateDir() {
        return stateDir;
    }

    /**
     * Sends one record stamped with the event's own time, as {@code replay} and producers that stamp records
     * with their events' times do (T0 when the value has no readable time). Not the driver's wall clock:
     * the parser judges an event time against its record's timestamp ({@code streamcast.input.max-ahead}).
     */
    void send(String key, String value) {
        send(key, value, eventTime(value));
    }

    void send(String key, String value, long recordTimestamp) {
        input.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), recordTimestamp);
    }

    /** One record as bytes, with headers (may be null) and its own timestamp. */
    void send(byte[] key, byte[] value, Headers headers, long recordTimestamp) {
        input.pipeInput(new TestRecord<>(key, value, headers, recordTimestamp));
    }

    /** The {@code ts} of a JSON event or the second field of a CSV line, else T0. */
    static long eventTime(String value) {
        String ts;
        try {
            JsonNode n = JSON.readTree(value);
            ts = n != null && n.has("ts") ? n.get("ts").asText() : null;
        } catch (IOException e) {
            String[] fields = value.split(",");
            ts = fields.length > 1 ? fields[1].trim() : null;
        }
        try {
            return ts == null ? T0.toEpochMilli() : ts.matches("\\d+") ? Long.parseLong(ts)
                    : Instant.parse(ts).toEpochMilli();
        } catch (RuntimeException e) {
            return T0.toEpochMilli();
        }
    }

    /** A keyed JSON event at T0 + seconds. */
    void event(String series, long seconds, double value) {
        send(series, "{\"series\":\"" + series + "\",\"ts\":\"" + T0.plusSeconds(seconds) + "\",\"value\":" + value
                + "}");
    }

    /** Every forecast, anomaly and score still unread, as "topic key timestamp value" lines in the order written. */
    List<String> outputLines() {
        List<String> lines = new ArrayList<>();
        Map<String, TestOutputTopic<byte[], byte[]>> topics = new java.util.LinkedHashMap<>();
        topics.put("forecasts", forecasts);
        topics.put("anomalies", anomalies);
        topics.put("scores", scores);
        topics.forEach((name, topic) -> topic.readRecordsToList().forEach(r -> lines.add(name + " "
                + (r.key() == null ? "-" : new String(r.key(), StandardCharsets.UTF_8)) + " " + r.timestamp() + " "
                + new String(r.value(), StandardCharsets.UTF_8))));
        return lines;
    }

    List<JsonNode> forecasts() {
        return json(forecasts.readRecordsToList());
    }

    List<JsonNode> anomalies() {
        return json(anomalies.readRecordsToList());
    }

    List<JsonNode> scores() {
        return json(scores.readRecordsToList());
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return dlq.readRecordsToList();
    }

    static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static List<JsonNode> json(List<TestRecord<byte[], byte[]>> records) {
        List<JsonNode> out = new ArrayList<>();
        for (TestRecord<byte[], byte[]> r : records) {
            try {
                out.add(JSON.readTree(r.value()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        driver.close();
    }

    /** Counts what the topology reports, by name. */
    static final class CountingMetrics implements StreamcastMetrics {
        final Map<String, Integer> counts = new HashMap<>();
        final List<double[]> settled = new ArrayList<>();

        @Override
        public synchronized void event(String outcome) {
            counts.merge("event:" + outcome, 1, Integer::sum);
        }

        @Override
        public synchronized void modelFailure(String model) {
            counts.merge("failure:" + model, 1, Integer::sum);
        }

        @Override
        public synchronized void forecast(String model) {
            counts.merge("forecast:" + model, 1, Integer::sum);
        }

        @Override
        public synchronized void anomaly(String model) {
            counts.merge("anomaly:" + model, 1, Integer::sum);
        }

        @Override
        public synchronized void settled(String model, int horizon, double error, boolean covered) {
            settled.add(new double[] {horizon, error, covered ? 1 : 0});
        }

        synchronized int count(String key) {
            return counts.getOrDefault(key, 0);
        }
    }
}
