package io.streamcast.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
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
 * The processing cost of one JSON event through the whole topology — parse, resample (store read and
 * write), batch buffer, AR(24) with 10-step forecast and intervals, anomaly detector, settlement,
 * series store, output JSON — in a {@link TopologyTestDriver} on RocksDB, without a broker. 1 000
 * series, batches of 64 (or one step per call), exactly-once properties.
 *
 * <p>Run: {@code mvn -q -o test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java
 * -Dexec.args="-cp %classpath org.openjdk.jmh.Main TopologyBenchmark -f 1 -wi 2 -i 3"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class TopologyBenchmark {
    private static final int SERIES = 1000;
    private static final int EVENTS = 1000;

    @Param({"64", "1"})
    public int batch;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private java.nio.file.Path stateDir;
    private long tick;
    private final byte[][] keys = new byte[SERIES][];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ServiceConfig config = ServiceConfig.from(Map.of("streamcast.batch.size", Integer.toString(batch),
                "streamcast.model.ar.order", "24"));
        stateDir = Files.createTempDirectory("streamcast-bench");
        Properties p = new Properties();
        p.putAll(StreamcastTopology.streamsProperties(config));
        p.put("bootstrap.servers", "unused:9092");
        p.put("state.dir", stateDir.toString());
        driver = new TopologyTestDriver(StreamcastTopology.build(config, RegistryEngines.INSTANCE,
                StreamcastMetrics.NONE), p);
        input = driver.createInputTopic("streamcast.events", new ByteArraySerializer(), new ByteArraySerializer());
        for (int s = 0; s < SERIES; s++) {
            keys[s] = ("sensor-" + s).getBytes(StandardCharsets.UTF_8);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        driver.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void events() {
        for (int i = 0; i < EVENTS; i++) {
            long t = tick++;
            int s = (int) (t % SERIES);
            long ts = 1_795_532_400_000L + 1000 * (t / SERIES);
            double v = 20 + 5 * Math.sin(t / (double) SERIES / 7.0) + (s % 10);
            input.pipeInput(keys[s], ("{\"ts\":\"" + Instant.ofEpochMilli(ts) + "\",\"value\":" + v + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
