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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-observation cost of anomaly scoring with the default config, for a series without a season
 * and for seasonal ones (season 24: a shape search of 256 summaries every 3 observations; season 288:
 * every 36): {@code observe} alone (a detector kept in memory), and restore + observe + snapshot (what
 * the stream processor does, the detector's state living in a state store). The mean time per call is
 * reported: the shape search runs once a segment, so the mean, not the median, is the cost per
 * observation. Inputs: a daily-like sine with Gaussian noise, timestamps five minutes apart, and the
 * noiseless curve as the model's expectation, with a 12-σ spike every 997 observations.
 *
 * <p>Run (exec:exec, not exec:java: JMH's forked JVM needs the classpath on its command line):
 * {@code mvn -q -o test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java
 * -Dexec.args="-cp %classpath org.openjdk.jmh.Main AnomalyDetectorBenchmark -f 1 -wi 3 -i 5"}.
 * Figures of issue 12 in docs/anomalies.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class AnomalyDetectorBenchmark {
    private static final int N = 1 << 14;
    private static final long STEP_MS = 300_000;

    @Param({"0", "24", "288"})
    public int season;

    private final double[] values = new double[N];
    private final double[] expected = new double[N];
    private AnomalyConfig config;
    private AnomalyDetector detector;
    private byte[] state;
    private long ts;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(1);
        int period = season == 0 ? 288 : season;
        for (int t = 0; t < N; t++) {
            expected[t] = 50 + 10 * Math.sin(2 * Math.PI * t / period);
            values[t] = expected[t] + rnd.nextGaussian() + (t % 997 == 0 ? 12 : 0);
        }
        config = AnomalyConfig.defaults().withSeason(season);
        detector = AnomalyDetector.create(config);
        for (int t = 0; t < 4 * N; t++) {
            next();
            detector.observe(ts, values[i], expected[i]);
        }
        state = detector.snapshot();
    }

    private void next() {
        i = (i + 1) & (N - 1);
        ts += STEP_MS;
    }

    @Benchmark
    public Verdict observe() {
        next();
        return detector.observe(ts, values[i], expected[i]);
    }

    @Benchmark
    public byte[] restoreObserveSnapshot() {
        next();
        AnomalyDetector d = AnomalyDetector.restore(config, state);
        d.observe(ts, values[i], expected[i]);
        state = d.snapshot();
        return state;
    }
}
