package io.streamcast.cli;


import io.streamcast.replay.TopicRecorder;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code streamcast record}: a topic to a JSONL recording that {@code replay} plays back. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Writes the records of a topic to a JSONL file, one line per record: key, value, timestamp,"
            + " headers, partition and offset (bytes that are not UTF-8 as base64). Reads all partitions without a"
            + " consumer group. Stops at --max records, after --duration, at the topic's current end (--to-end) or"
            + " on Ctrl-C, keeping what it read. Progress and a summary go to stderr."})
public final class RecordCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Topic to record.")
    String topic;

    @Option(names = "--file", required = true, paramLabel = "REC.jsonl", description = "Recording to write (replaced).")
    Path file;

    @Mixin
    KafkaClientOptions kafka;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (e.g. 30s).")
    Duration duration;

    @Option(names = "--to-end", description = "Stop at the end offsets the topic has when recording starts.")
    boolean toEnd;

    @Option(names = "--from", paramLabel = "beginning|end", defaultValue = "beginning",
            description = "Start at the beginning of each partition or at its end (only new records)."
                + " Default ${DEFAULT-VALUE}.")
    String from;

    @Override
    public Integer call() throws Exception {
        if (max != null && max < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max must be at least 1, got " + max);
        }
        if (!from.equals("beginning") && !from.equals("end")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from must be beginning or end, got " + from);
        }
        if (from.equals("end") && toEnd) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from end with --to-end would record nothing");
        }
        if (max == null && duration == null && !toEnd) {
            spec.commandLine().getErr().println("record: no --max, --duration or --to-end: recording until Ctrl-C");
        }
        TopicRecorder.Bounds bounds;
        try {
            bounds = new TopicRecorder.Bounds(max == null ? 0 : max, duration, toEnd, from.equals("end"));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Logging.quietKafka();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> props = kafka.properties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Clock clock = Clock.systemUTC();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            TopicRecorder recorder = new TopicRecorder(consumer, clock, err);
            TopicRecorder.Summary s;
            try (ShutdownHook hook = new ShutdownHook(recorder::stop)) {
                s = recorder.record(topic, bounds, out);
            }
            err.printf("recorded %d records from %s (%d partitions) to %s in %.1f s; stopped by %s%n", s.records(),
                    topic, s.partitions(), file, s.elapsedMillis() / 1000.0, s.stoppedBy());
            err.flush();
        }
        return 0;
    }
}
