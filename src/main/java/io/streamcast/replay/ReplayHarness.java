package io.streamcast.replay;

import io.streamcast.stream.ServiceConfig;
import io.streamcast.stream.StreamcastTopology;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs a recording through the streamcast topology and collects what it writes, for tests that
 * compare the outputs with a {@link GoldenFile}:
 *
 * <pre>{@code
 * ReplayOutput out = ReplayHarness.withSettings(Map.of("streamcast.model", "ar")).inProcess(Path.of("rec.jsonl"));
 * GoldenFile.assertMatches(out, Path.of("src/test/resources/golden/rec.jsonl"));
 * }</pre>
 *
 * <p>A recording is any file {@code replay} takes: a JSONL file written by {@code record}, JSON lines of
 * input events, or CSV {@code series,ts,value} (told apart as {@code replay} does: by the {@code .csv}
 * name). Each line becomes one input record with its key, value, headers and timestamp, all on one
 * input partition. A bad line fails the run naming the recording and line.
 *
 * <p>Two ways to run it: {@link #inProcess} in a {@code TopologyTestDriver} (milliseconds, no broker;
 * at the end wall-clock time is advanced past {@code streamcast.batch.interval} so a partly filled batch
 * is flushed) and {@link #onBroker} against a real broker with a real {@code KafkaStreams} instance.
 * Unless the settings say otherwise the scores topic is on ({@code streamcast.scores}), so every
 * event's expected value and score is in the output, and output records carry their event's time
 * ({@code streamcast.output.timestamp=event}, where {@code run} stamps the time of publication): a
 * golden file's timestamps are then the same on every run, in process and on a broker.
 */
public final class ReplayHarness {

    private final Map<String, String> settings;
    private final ServiceConfig config;
    private final List<String> collected;
    private final String series;

    private ReplayHarness(Map<String, String> settings, List<String> collected, String series) {
        this.series = series;
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("streamcast.topics.scores", "streamcast.scores");
        all.putIfAbsent("streamcast.output.timestamp", "event"); // a golden file compares timestamps: no wall clock
        this.settings = Map.copyOf(all);
        this.config = ServiceConfig.from(all);
        if (config.topics().inputPattern().isPresent()) {
            throw new IllegalArgumentException("the replay harness feeds one input topic: set streamcast.topics.input,"
                    + " not streamcast.topics.input.pattern");
        }
        List<String> outputs = allOutputTopics(config);
        if (collected == null) {
            this.collected = outputs;
        } else {
            for (String t : collected) {
                if (!outputs.contains(t)) {
                    throw new IllegalArgumentException("topic " + t + " is not an output of this service; its outputs: "
                            + outputs);
                }
            }
            this.collected = outputs.stream().filter(collected::contains).toList();
        }
    }

    /** A harness for the service configured by these {@code streamcast.*} (and Kafka) settings. */
    public static ReplayHarness withSettings(Map<String, String> settings) {
        return new ReplayHarness(Objects.requireNonNull(settings, "settings"), null, null);
    }

    /**
     * The same harness collecting only these output topics (e.g. scores, anomalies and dead letters, to
     * keep a golden file small: the forecasts topic holds a whole horizon per event).
     */
    public ReplayHarness collecting(String... topics) {
        return new ReplayHarness(settings, List.of(topics), series);
    }

    /** The same harness reading CSV recordings as {@code timestamp,value} rows of this series (like {@code replay --series}). */
    public ReplayHarness forSeries(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a series id must not be blank");
        }
        return new ReplayHarness(settings, collected, id);
    }

    /** The service's default configuration (AR per series, one step per event), scores topic on. */
    public static ReplayHarness withDefaults() {
        return withSettings(Map.of());
    }

    public ServiceConfig config() {
        return config;
    }

    /** The output topics collected, in this order: forecasts, anomalies, scores, dead letters (all by default). */
    public List<String> outputTopics() {
        return collected;
    }

    private static List<String> allOutputTopics(ServiceConfig config) {
        List<String> topics = new ArrayList<>(List.of(config.topics().forecasts(), config.topics().anomalies()));
        config.topics().scores().ifPresent(topics::add);
        topics.add(config.topics().dlq());
        return List.copyOf(topics);
    }

    /** Runs the recording file in a {@code TopologyTestDriver}. */
    public ReplayOutput inProcess(Path recording) {
        return inProcess(read(recording, series));
    }

    /** Runs a recording read from a stream (e.g. a classpath resource); {@code name} decides CSV or JSON and names errors. */
    public ReplayOutput inProcess(String name, InputStream recording) {
        return inProcess(read(name, recording, series));
    }

    /**
     * Runs the recording against the broker at {@code bootstrapServers}: creates the input and output
     * topics, sends the recording, runs the topology in a {@code KafkaStreams} instance until it has
     * committed the whole input, and reads the outputs (read-committed). Needs fresh topic names on a
     * shared broker (set {@code streamcast.topics.*}), and {@code streamcast.batch.size=1} so every output
     * is committed with the input offset that caused it.
     *
     * @param deadline how long to wait for the service to consume the recording before failing
     */
    public ReplayOutput onBroker(Path recording, String bootstrapServers, Duration deadline) {
        return new BrokerReplay(config, settings, outputTopics()).run(read(recording, series), bootstrapServers, deadline);
    }

    /** {@link #onBroker(Path, String, Duration)} for a recording read from a stream. */
    public ReplayOutput onBroker(String name, InputStream recording, String bootstrapServers, Duration deadline) {
        return new BrokerReplay(config, settings, outputTopics()).run(read(name, recording, series), bootstrapServers, deadline);
    }

    private ReplayOutput inProcess(List<RecordLine> records) {
        Path stateDir = tempDir("streamcast-replay-");
        Properties p = new Properties();
        p.putAll(StreamcastTopology.streamsProperties(config));
        p.put("bootstrap.servers", "in-process:9092");
        p.put("state.dir", stateDir.toString());
        p.putIfAbsent("application.id", "streamcast");
        Instant start = records.isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(records.get(0).timestamp());
        try (TopologyTestDriver driver = new TopologyTestDriver(StreamcastTopology.build(config), p, start)) {
            TestInputTopic<byte[], byte[]> input = driver.createInputTopic(config.topics().input().get(0),
                    new ByteArraySerializer(), new ByteArraySerializer());
            for (RecordLine r : records) {
                RecordHeaders headers = new RecordHeaders();
                r.headers().forEach(h -> headers.add(h.key(), h.value()));
                input.pipeInput(new TestRecord<>(r.key(), r.value(), headers, r.timestamp()));
            }
            // a batch that did not fill is flushed by the wall-clock punctuation
            driver.advanceWallClockTime(config.batchInterval().plusMillis(1));
            List<OutputRecord> out = new ArrayList<>();
            for (String topic : outputTopics()) {
                TestOutputTopic<String, byte[]> t = driver.createOutputTopic(topic, new StringDeserializer(),
                        new ByteArrayDeserializer());
                for (TestRecord<String, byte[]> r : t.readRecordsToList()) {
                    out.add(new OutputRecord(topic, r.key(), r.timestamp(), r.value(), headers(r.headers())));
                }
            }
            return new ReplayOutput(outputTopics(), out);
        } finally {
            deleteTree(stateDir);
        }
    }

    static List<RecordLine.Header> headers(Iterable<Header> headers) {
        List<RecordLine.Header> out = new ArrayList<>();
        headers.forEach(h -> out.add(new RecordLine.Header(h.key(), h.value())));
        return out;
    }

    static List<RecordLine> read(Path recording, String series) {
        try {
            return read(recording.toString(), Files.newInputStream(recording), series);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + recording + ": " + e.getMessage(), e);
        }
    }

    /** Every record of the recording; a bad line is an error {@code NAME:LINE: what is wrong}. */
    static List<RecordLine> read(String name, InputStream in, String series) {
        Objects.requireNonNull(in, () -> "recording " + name + " not found");
        String fileName = Path.of(name).getFileName().toString();
        ReplayLineParser parser = new ReplayLineParser(fileName, series);
        List<RecordLine> records = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String raw;
            int lineNo = 0;
            while ((raw = r.readLine()) != null) {
                lineNo++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                try {
                    RecordLine rec = parser.parse(line);
                    if (rec != null) {
                        records.add(rec);
                    }
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + name + ": " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("recording " + name + " has no records");
        }
        return records;
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing a test run for
        }
    }
}
