package io.streamcast.anomaly;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-observation cost of anomaly scoring with the default config: {@code observe} alone (a
 * detector kept in memory), and restore + observe + snapshot (what a stream processor does when the
 * detector's state lives in a state store). Sampled per call to report the median.
 *
 * <p>Run: {@code mvn -q -o test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java
 * -Dexec.args="-cp %classpath org.openjdk.jmh.Main AnomalyDetectorBenchmark -f 1 -wi 3 -i 5"}
 * or, with a classpath file from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt},
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main AnomalyDetectorBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class AnomalyDetectorBenchmark {
    private static final int N = 1 << 14;
    private static final AnomalyConfig CONFIG = AnomalyConfig.defaults();

    private final double[] values = new double[N];
    private AnomalyDetector detector;
    private byte[] state;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int t = 0; t < N; t++) {
            values[t] = rnd.nextGaussian() + (t % 997 == 0 ? 12 : 0);
        }
        detector = AnomalyDetector.create(CONFIG);
        for (int t = 0; t < 2000; t++) {
            detector.observe(values[t % N], 0);
        }
        state = detector.snapshot();
    }

    @Benchmark
    public Verdict observe() {
        i = (i + 1) & (N - 1);
        return detector.observe(values[i], 0);
    }

    @Benchmark
    public byte[] restoreObserveSnapshot() {
        i = (i + 1) & (N - 1);
        AnomalyDetector d = AnomalyDetector.restore(CONFIG, state);
        d.observe(values[i], 0);
        state = d.snapshot();
        return state;
    }
}
