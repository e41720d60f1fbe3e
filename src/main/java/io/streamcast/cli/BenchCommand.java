package io.streamcast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamcast.model.Engine;
import io.streamcast.model.EngineConfig;
import io.streamcast.model.Engines;
import io.streamcast.series.Observation;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: online-update throughput of models on generated series, as the stream processor
 * drives them — one {@code step} call per round holding one value of every series — and, beside it,
 * the same engine stepped one observation per call. Prints wall-clock observations/s and
 * observations per CPU-second of the stepping thread (steadier when the cores are shared), and the
 * state bytes of one series and of the shared part.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = BenchMemoryCommand.class,
        description = {"Measure online-update throughput of models on generated series (learning on) and print "
                + "a results table.",
            "Run the JVM with OMP_NUM_THREADS=1 (ND4J then computes on the calling thread)."})
final class BenchCommand implements Callable<Integer> {
    private static final int WARMUP_ROUNDS = 40;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", split = ",",
            description = "models to measure, repeatable or comma-separated (default: ar,ffar,lstm)",
            completionCandidates = BacktestCommand.ModelNames.class)
    List<String> models = new ArrayList<>(List.of("ar", "ffar", "lstm"));

    @Option(names = "--series", defaultValue = "1000", paramLabel = "N", description = "series (default: ${DEFAULT-VALUE})")
    int series;

    @Option(names = "--events", defaultValue = "40000", paramLabel = "N",
            description = "observations measured batched, after 40 warm-up rounds; a tenth of them one by one "
                    + "(default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--horizon", defaultValue = "1", paramLabel = "H", description = "steps forecast per value (default: 1)")
    int horizon;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "model and data seed (default: 0)")
    long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "model setting, repeatable")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        for (String m : models) {
            if (!Engines.names().contains(m)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--model '" + m
                        + "' is not a model; known models: " + String.join(", ", Engines.names()));
            }
        }
        if (series < 1 || events < series || horizon < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --series >= 1, --events >= --series"
                    + " and --horizon >= 1; got " + series + ", " + events + " and " + horizon);
        }
        EngineConfig config = EngineConfig.of(horizon).withSeed(seed);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench: %d series, %d observations after %d warm-up rounds, horizon %d, OMP_NUM_THREADS=%s%n",
                series, events, WARMUP_ROUNDS, horizon, System.getenv("OMP_NUM_THREADS"));
        out.println("| model | batched obs/s | batched obs/CPU-s | one-by-one obs/s | one-by-one obs/CPU-s "
                + "| series state B | shared state B |");
        out.println("|---|---|---|---|---|---|---|");
        List<Map<String, Object>> results = new ArrayList<>();
        for (String m : models) {
            Map<String, Object> r = measure(Engines.create(m, config), m);
            results.add(r);
            out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %d | %d |%n", m, r.get("batchedPerSecond"),
                    r.get("batchedPerCpuSecond"), r.get("oneByOnePerSecond"), r.get("oneByOnePerCpuSecond"),
                    r.get("seriesStateBytes"), r.get("sharedStateBytes"));
            out.flush();
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("series", series);
            doc.put("events", events);
            doc.put("horizon", horizon);
            doc.put("results", results);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
        }
        return 0;
    }

    private Map<String, Object> measure(Engine engine, String model) {
        Data data = new Data(series, seed);
        for (int t = 0; t < WARMUP_ROUNDS; t++) {
            engine.step(data.round(t));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long rounds = Math.max(1, events / series);
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        int t = WARMUP_ROUNDS;
        for (long i = 0; i < rounds; i++, t++) {
            engine.step(data.round(t));
        }
        double batchedWall = (System.nanoTime() - wall) / 1e9;
        double batchedCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        long singleRounds = Math.max(1, rounds / 10);
        wall = System.nanoTime();
        cpu = threads.getCurrentThreadCpuTime();
        for (long i = 0; i < singleRounds; i++, t++) {
            for (Observation o : data.round(t)) {
                engine.step(List.of(o));
            }
        }
        double singleWall = (System.nanoTime() - wall) / 1e9;
        double singleCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", model);
        r.put("batchedPerSecond", rounds * series / batchedWall);
        r.put("batchedPerCpuSecond", rounds * series / batchedCpu);
        r.put("oneByOnePerSecond", singleRounds * series / singleWall);
        r.put("oneByOnePerCpuSecond", singleRounds * series / singleCpu);
        r.put("seriesStateBytes", engine.seriesState(Data.id(0)).length);
        r.put("sharedStateBytes", engine.sharedState().length);
        return r;
    }

    /** Seeded sines of different frequencies and magnitudes (1e-3 to 1e5) with noise. */
    private static final class Data {
        private final double[] omega;
        private final double[] scale;
        private final SplittableRandom noise;

        Data(int series, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            omega = new double[series];
            scale = new double[series];
            for (int s = 0; s < series; s++) {
                omega[s] = 0.02 + 0.2 * r.nextDouble();
                scale[s] = Math.pow(10, s % 9 - 3);
            }
            noise = r.split();
        }

        static String id(int s) {
            return "s" + s;
        }

        List<Observation> round(int t) {
            List<Observation> out = new ArrayList<>(omega.length);
            for (int s = 0; s < omega.length; s++) {
                double v = scale[s] * (2 + Math.sin(omega[s] * t) + 0.1 * noise.nextGaussian());
                out.add(new Observation(id(s), t * 60_000L, v));
            }
            return out;
        }
    }
}
