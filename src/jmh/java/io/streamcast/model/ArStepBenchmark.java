package io.streamcast.model;

import io.streamcast.series.Observation;
import java.util.List;
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
 * The per-observation cost of the AR model: AR(24) learns one value (RLS update), forecasts 24 steps
 * recursively and settles/updates the 24 conformal intervals — and the same through
 * {@link LocalEngine#step} (plus the Step/Observation objects). Sampled per call to report the median.
 *
 * <p>Run (exec:exec, not exec:java: JMH's forked JVM needs the classpath on its command line):
 * {@code mvn -q -o test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java
 * -Dexec.args="-cp %classpath org.openjdk.jmh.Main ArStepBenchmark -f 1 -wi 3 -i 5"}
 * (the first time without {@code -o}, to fetch exec-maven-plugin).
 * Measured 2026-11-23 on the shared 2-core machine (load average ~5): median 3.7 µs for
 * learnAndForecast24 and for engineStep, p99 6.4–6.8 µs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class ArStepBenchmark {
    private static final int N = 1 << 14;
    private static final EngineConfig CONFIG = EngineConfig.of(24).with("streamcast.model.ar.order", "24");

    private final double[] values = new double[N];
    private final Observation[] observations = new Observation[N];
    private ArForecaster ar;
    private Engine engine;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(1);
        double y1 = 0;
        double y2 = 0;
        for (int t = 0; t < N; t++) {
            double v = 0.6 * y1 - 0.3 * y2 + rnd.nextGaussian() + 3 * Math.sin(2 * Math.PI * t / 24);
            y2 = y1;
            y1 = v;
            values[t] = 100 + v;
            observations[t] = new Observation("s", t, values[t]);
        }
        ar = new ArForecaster(ArConfig.from(CONFIG));
        engine = Engines.create("ar", CONFIG);
        for (int t = 0; t < 2_000; t++) { // past warm-up: the RLS path is what is measured
            ar.learn(values[t]);
            engine.step(List.of(observations[t]));
        }
    }

    @Benchmark
    public Forecast learnAndForecast24() {
        ar.learn(values[i]);
        i = (i + 1) & (N - 1);
        return ar.forecast(24);
    }

    @Benchmark
    public List<Step> engineStep() {
        List<Step> s = engine.step(List.of(observations[i]));
        i = (i + 1) & (N - 1);
        return s;
    }
}
