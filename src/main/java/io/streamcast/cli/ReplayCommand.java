package io.streamcast.cli;


import io.streamcast.replay.FileReplayer;
import io.streamcast.replay.RecordLine;
import io.streamcast.replay.Replayer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code streamcast replay}: a recording or a CSV file to a topic, paced as recorded. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Sends a recording to a topic in file order with its keys, values and headers:"
            + " a JSONL file written by `record` (with its recorded timestamps), JSON lines of input events"
            + " ({\"series\",\"ts\",\"value\"|\"values\"}) or a CSV of series,ts,value rows (or timestamp,value rows"
            + " with --series), each event stamped with the time it is sent, its own time in ts.",
            "Paced by the original gaps between timestamps divided by --speed, or as fast as possible with --speed"
            + " max. A bad line stops the replay with FILE:LINE (exit code 1) unless --skip-bad, which reports and"
            + " counts it. Progress and a summary go to stderr."})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--file", required = true, paramLabel = "REC.jsonl|FILE.csv", description = "What to replay.")
    Path file;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Topic to send to.")
    String topic;

    @Mixin
    KafkaClientOptions kafka;

    @Option(names = "--speed", paramLabel = "FACTOR|max", defaultValue = "1",
            description = "1 = as recorded, 10 = ten times faster, max = no waiting (default ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--series", paramLabel = "ID", description = "Series id for a CSV of timestamp,value rows.")
    String series;

    @Option(names = "--skip-bad", description = "Skip bad lines (each reported on stderr and counted) instead of"
            + " stopping at the first.")
    boolean skipBad;

    @Option(names = "--partitioning", paramLabel = "recorded|key", defaultValue = "recorded",
            description = "recorded: each record goes to the partition it was recorded from (when the file says);"
                + " key: the producer's partitioner chooses by key. Default ${DEFAULT-VALUE}.")
    String partitioning;

    @Option(names = "--timestamps", paramLabel = "recorded|sent",
            description = "recorded: every record keeps the file's time (a record file's timestamp, an event's ts);"
                + " sent: every record is stamped with the time it is sent. Default: recorded for lines written by"
                + " `record`, sent for input events — a broker deletes records by their timestamp, 7 days after it"
                + " by default, so events of 2013 stamped 2013 would be gone at its next retention check.")
    String timestamps;

    @Override
    public Integer call() throws Exception {
        double factor = speed();
        FileReplayer.RecordTime recordTime;
        if (timestamps == null) {
            recordTime = FileReplayer.RecordTime.BY_KIND;
        } else if (timestamps.equals("recorded") || timestamps.equals("sent")) {
            recordTime = FileReplayer.RecordTime.valueOf(timestamps.toUpperCase(Locale.ROOT));
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--timestamps must be recorded or sent, got " + timestamps);
        }
        if (!partitioning.equals("recorded") && !partitioning.equals("key")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--partitioning must be recorded or key, got " + partitioning);
        }
        if (!Files.isReadable(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--file " + file + " cannot be read");
        }
        Logging.quietKafka();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> props = kafka.properties();
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"); // no duplicates, order kept on retry
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        Clock clock = Clock.systemUTC();
        FileReplayer replayer = new FileReplayer(factor, skipBad, series, clock, Replayer.sleeping(clock), err,
                recordTime);
        AtomicReference<Exception> failure = new AtomicReference<>();
        FileReplayer.Summary summary;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            int partitions = producer.partitionsFor(topic).size();
            boolean byRecorded = partitioning.equals("recorded");
            Thread replaying = Thread.currentThread();
            try (ShutdownHook hook = new ShutdownHook(() -> {
                replayer.stop();
                replaying.interrupt(); // wake a pacing sleep
            })) {
                summary = replayer.run(file, r -> {
                    Exception f = failure.get();
                    if (f != null) {
                        throw new IllegalStateException("sending to " + topic + " failed: " + f.getMessage(), f);
                    }
                    Integer partition = null;
                    if (byRecorded && r.partition() >= 0) {
                        if (r.partition() >= partitions) {
                            throw new IllegalArgumentException("recorded partition " + r.partition() + " does not exist"
                                    + " in " + topic + " (" + partitions + " partitions); use --partitioning key");
                        }
                        partition = r.partition();
                    }
                    producer.send(new ProducerRecord<>(topic, partition, r.timestamp(), r.key(), r.value(),
                            headers(r)), (meta, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                });
                Thread.interrupted(); // a Ctrl-C interrupt must not abort the flush of what was sent
                producer.flush();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("sending to " + topic + " failed: " + failure.get().getMessage(),
                    failure.get());
        }
        err.println(summary.describe(file.toString(), topic));
        err.flush();
        return 0;
    }

    private double speed() {
        if (speed.equalsIgnoreCase("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double s = Double.parseDouble(speed.trim());
            if (s > 0 && Double.isFinite(s)) {
                return s;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                String.format(Locale.ROOT, "--speed must be a positive number or max, got '%s'", speed));
    }

    private static List<Header> headers(RecordLine r) {
        List<Header> hs = new ArrayList<>(r.headers().size());
        for (RecordLine.Header h : r.headers()) {
            hs.add(new RecordHeader(h.key(), h.value()));
        }
        return hs;
    }
}
