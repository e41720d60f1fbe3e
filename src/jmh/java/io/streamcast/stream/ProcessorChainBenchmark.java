package io.streamcast.stream;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of streamcast's own processing per JSON event, without Kafka Streams' framework and
 * commits: parse → resample (RocksDB store read + write) → batch buffer → AR(24) with a 10-step
 * forecast and intervals → anomaly detector → settlement → series and latest-forecast stores
 * (RocksDB) → output JSON. 1 000 series, one event per series per second, batches of 64 or 1.
 * (TopologyTestDriver is no place to time this: it commits — flushes every RocksDB store — after
 * each record, where a running service commits every 100 ms.)
 *
 * <p>Run: {@code mvn -q -o test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java
 * -Dexec.args="-cp %classpath org.openjdk.jmh.Main ProcessorChainBenchmark -f 1 -wi 2 -i 3"}
 *
 * <p>On a machine shared with other work, wall-clock figures swing; the thread's CPU time per event
 * does not, so {@link #main} prints both: {@code mvn -q -o test-compile exec:exec
 * -Dexec.classpathScope=test -Dexec.executable=java -Dexec.args="-cp %classpath
 * io.streamcast.stream.ProcessorChainBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class ProcessorChainBenchmark {
    private static final int SERIES = 1000;
    private static final int EVENTS = 1000;

    @Param({"64", "1"})
    public int batch;

    private File stateDir;
    private EventParser parser;
    private ResampleProcessor resample;
    private ForecastProcessor forecast;
    private MockProcessorContext<String, Outcome<Resampled>> resampleContext;
    private MockProcessorContext<String, Emit> forecastContext;
    private long tick;
    private final byte[][] keys = new byte[SERIES][];
    private final Source source = new Source("streamcast.events", 0, 0);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ServiceConfig config = ServiceConfig.from(Map.of("streamcast.batch.size", Integer.toString(batch),
                "streamcast.model.ar.order", "24", "streamcast.topics.scores", "streamcast.scores"));
        stateDir = Files.createTempDirectory("streamcast-bench").toFile();
        parser = new EventParser(config);
        resampleContext = context();
        forecastContext = context();
        store(resampleContext, Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                StreamcastTopology.RESAMPLE_STORE), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
        store(forecastContext, Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                StreamcastTopology.BUFFER_STORE), Serdes.Long(), Serdes.ByteArray()).withLoggingDisabled().build());
        store(forecastContext, Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                StreamcastTopology.SERIES_STORE), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
        store(forecastContext, Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                StreamcastTopology.CHECKPOINT_STORE), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled()
                .build());
        store(forecastContext, Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                StreamcastTopology.LATEST_FORECAST_STORE), Serdes.String(), Serdes.String()).withLoggingDisabled()
                .build());
        resample = new ResampleProcessor(config, StreamcastMetrics.NONE);
        resample.init(resampleContext);
        forecast = new ForecastProcessor(config, RegistryEngines.INSTANCE, StreamcastMetrics.NONE);
        forecast.init(forecastContext);
        for (int s = 0; s < SERIES; s++) {
            keys[s] = ("sensor-" + s).getBytes(StandardCharsets.UTF_8);
        }
    }

    private <V> MockProcessorContext<String, V> context() {
        Properties p = new Properties();
        p.put("application.id", "bench");
        p.put("bootstrap.servers", "unused:9092");
        return new MockProcessorContext<>(p, new TaskId(0, 0), stateDir);
    }

    private static void store(MockProcessorContext<?, ?> context, KeyValueStore<?, ?> store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        forecast.close();
        try (var paths = Files.walk(stateDir.toPath())) {
            paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int events() throws InvalidEventException {
        int out = 0;
        for (int i = 0; i < EVENTS; i++) {
            long t = tick++;
            int s = (int) (t % SERIES);
            long ts = 1_795_532_400_000L + 1000 * (t / SERIES);
            double v = 20 + 5 * Math.sin(t / (double) SERIES / 7.0) + (s % 10);
            byte[] json = ("{\"ts\":\"" + Instant.ofEpochMilli(ts) + "\",\"value\":" + v + "}")
                    .getBytes(StandardCharsets.UTF_8);
            ParsedEvent e = parser.parse(keys[s], json, null, -1, source).get(0);
            resample.process(new Record<>(e.series(), e, e.timestamp()));
            List<MockProcessorContext.CapturedForward<? extends String, ? extends Outcome<Resampled>>> steps =
                    resampleContext.forwarded();
            for (MockProcessorContext.CapturedForward<? extends String, ? extends Outcome<Resampled>> f : steps) {
                forecast.process(new Record<>(f.record().key(), f.record().value().value(), ts));
            }
            resampleContext.resetForwards();
            out += forecastContext.forwarded().size();
            forecastContext.resetForwards();
        }
        return out;
    }

    /** Prints CPU and wall-clock microseconds per event for batches of 64 and of 1. */
    public static void main(String[] args) throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int batch : new int[] {64, 1}) {
            ProcessorChainBenchmark b = new ProcessorChainBenchmark();
            b.batch = batch;
            b.setUp();
            for (int i = 0; i < 30; i++) {
                b.events();
            }
            int rounds = 50;
            long cpu = mx.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                b.events();
            }
            double n = rounds * (double) EVENTS;
            System.out.printf("batch %2d: %.1f us CPU/event, %.1f us wall/event (%d series, %.0f events)%n", batch,
                    (mx.getCurrentThreadCpuTime() - cpu) / n / 1000, (System.nanoTime() - wall) / n / 1000, SERIES, n);
            b.tearDown();
        }
    }
}
