package io.streamcast.cli;

import io.streamcast.bench.EndToEndBench;
import io.streamcast.bench.ModelBench;
import io.streamcast.bench.BenchReport;
import io.streamcast.bench.StageResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamcast.model.EngineConfig;
import io.streamcast.model.Engines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: by default end to end through an embedded Kafka broker ({@link EndToEndBench}):
 * a passthrough topology (parse and re-serialise: the ceiling), then the service topology with each
 * model, in one run; events/s, latency at half of each stage's rate, CPU, heap, RSS, state per series
 * and the ratio to the passthrough. {@code --no-kafka} measures the models alone ({@link ModelBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = BenchMemoryCommand.class,
        description = {"Measure streamcast end to end through an embedded Kafka broker (default) or the models "
                + "alone (--no-kafka) on generated series, and print a results table.",
            "Run the JVM with OMP_NUM_THREADS=1 (ND4J then computes on the calling thread)."})
final class BenchCommand implements Callable<Integer> {
    /** Default stages end to end: the passthrough, then every model of the registry but the baselines. */
    static List<String> e2eStages() {
        List<String> stages = new ArrayList<>(List.of(EndToEndBench.PASSTHROUGH));
        stages.addAll(Engines.models());
        return stages;
    }

    @Spec
    CommandSpec spec;

    @Option(names = {"--stage", "--model"}, paramLabel = "NAME", split = ",",
            description = "stages to run, in order, repeatable or comma-separated (default: passthrough, then every model"
                    + " of the registry but the baselines naive and snaive; with --no-kafka the same without passthrough)")
    List<String> stages;

    @Option(names = "--no-kafka", description = "measure the models alone, without Kafka (the model-only bench)")
    boolean noKafka;

    @Option(names = "--series", defaultValue = "1000", paramLabel = "N", description = "series (default: ${DEFAULT-VALUE})")
    int series;

    @Option(names = "--events", paramLabel = "N", description = "events measured per stage (default: 100000; "
            + "with --no-kafka 40000, after 40 warm-up rounds, a tenth of them also one by one)")
    Long events;

    @Option(names = "--warmup", paramLabel = "N", description = "events per warm-up chunk: at least one chunk "
            + "before measuring, more while the JIT is still busy (default: 20000 or 2 per series, whichever is more)")
    Long warmup;

    @Option(names = "--warmup-chunks", defaultValue = "30", paramLabel = "N",
            description = "most warm-up chunks per stage (default: ${DEFAULT-VALUE})")
    int warmupChunks;

    @Option(names = "--paced-events", paramLabel = "N", description = "events sent at half the stage's rate to "
            + "measure latency (default: a quarter of --events)")
    Long pacedEvents;

    @Option(names = "--paced-rate", paramLabel = "EVENTS_PER_S", description = "send the paced events at this rate "
            + "instead of half the stage's drain rate: latency at a load of your choosing (default: half the drain rate)")
    Double pacedRate;

    @Option(names = "--horizon", paramLabel = "H", description = "steps forecast per event (default: 10, the "
            + "service's; with --no-kafka 1)")
    Integer horizon;

    @Option(names = "--partitions", defaultValue = "4", paramLabel = "N",
            description = "partitions of each stage's topics (default: ${DEFAULT-VALUE}, the service's)")
    int partitions;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "model and data seed (default: 0)")
    long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "model setting, repeatable")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "service or Kafka Streams property of every "
            + "stage, repeatable (e.g. -D commit.interval.ms=100 -D streamcast.batch.size=64)")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        return noKafka ? models() : endToEnd();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private Integer endToEnd() throws Exception {
        List<String> chosen = stages == null ? e2eStages() : stages;
        for (String s : chosen) {
            if (!s.equals(EndToEndBench.PASSTHROUGH) && !Engines.names().contains(s)) {
                throw usage("--stage '" + s + "' is neither passthrough nor a model; known models: "
                        + String.join(", ", Engines.names()));
            }
        }
        long measured = events == null ? 100_000 : events;
        int h = horizon == null ? 10 : horizon;
        if (series < 1 || measured < series || h < 1 || partitions < 1) {
            throw usage("need --series >= 1, --events >= --series, --horizon >= 1 and --partitions >= 1; got "
                    + series + ", " + measured + ", " + h + " and " + partitions);
        }
        long warm = warmup == null ? Math.max(20_000, 2L * series) : warmup;
        long paced = pacedEvents == null ? measured / 4 : pacedEvents;
        if (pacedRate != null && !(pacedRate > 0)) {
            throw usage("need --paced-rate > 0 events/s; got " + pacedRate);
        }
        if (warm < series || paced < series || warmupChunks < 1) {
            throw usage("need --warmup and --paced-events >= --series (whole rounds of one event per series) and "
                    + "--warmup-chunks >= 1; got " + warm + ", " + paced + " and " + warmupChunks);
        }
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        overrides.putAll(properties);
        try {
            io.streamcast.stream.ServiceConfig.from(overrides); // a bad key is bad usage, named now, not a failure later
        } catch (IllegalArgumentException e) {
            throw usage("-D/--set: " + e.getMessage());
        }
        EndToEndBench.Settings s = new EndToEndBench.Settings(List.copyOf(chosen), series, rounds(warm), warmupChunks, rounds(measured),
                rounds(paced), pacedRate == null ? 0 : pacedRate, h, partitions, seed, overrides);
        Logging.quietKafka();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench: end to end, embedded broker, %d series, %d partitions, horizon %d; per stage "
                + "%d warm-up (up to %d chunks), %d measured, %d paced events; OMP_NUM_THREADS=%s, %d processors%n", series, partitions,
                h, s.warmupRounds() * series, warmupChunks, s.drainEvents(), s.pacedRounds() * series, System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().availableProcessors());
        if (!overrides.isEmpty()) {
            out.println("bench: settings " + overrides);
        }
        out.flush();
        List<StageResult> results = new EndToEndBench(s, spec.commandLine().getErr()).run();
        BenchReport.table(out, results);
        out.flush();
        if (json != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(),
                    BenchReport.json(s, results));
        }
        return 0;
    }

    private long rounds(long eventCount) {
        return Math.max(1, eventCount / series);
    }

    private Integer models() throws Exception {
        List<String> models = stages == null ? List.copyOf(Engines.models()) : stages;
        for (String m : models) {
            if (!Engines.names().contains(m)) {
                throw usage("--model '" + m + "' is not a model; known models: " + String.join(", ", Engines.names()));
            }
        }
        long measured = events == null ? 40_000 : events;
        int h = horizon == null ? 1 : horizon;
        if (series < 1 || measured < series || h < 1) {
            throw usage("need --series >= 1, --events >= --series and --horizon >= 1; got " + series + ", " + measured
                    + " and " + h);
        }
        EngineConfig config = EngineConfig.of(h).withSeed(seed);
        try {
            io.streamcast.stream.KnownSettings.requireKnown(settings.keySet());
        } catch (IllegalArgumentException e) {
            throw usage("--set: " + e.getMessage());
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench: models only, %d series, %d observations after %d warm-up rounds, horizon %d, "
                + "OMP_NUM_THREADS=%s%n", series, measured, ModelBench.WARMUP_ROUNDS, h, System.getenv("OMP_NUM_THREADS"));
        out.println("| model | batched obs/s | batched obs/CPU-s | one-by-one obs/s | one-by-one obs/CPU-s "
                + "| series state B | shared state B |");
        out.println("|---|---|---|---|---|---|---|");
        List<Map<String, Object>> results = new ArrayList<>();
        for (String m : models) {
            Map<String, Object> r = ModelBench.measure(Engines.create(m, config), m, series, measured, seed);
            results.add(r);
            out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %d | %d |%n", m, r.get("batchedPerSecond"),
                    r.get("batchedPerCpuSecond"), r.get("oneByOnePerSecond"), r.get("oneByOnePerCpuSecond"),
                    r.get("seriesStateBytes"), r.get("sharedStateBytes"));
            out.flush();
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("level", "model");
            doc.put("series", series);
            doc.put("events", measured);
            doc.put("horizon", h);
            doc.put("results", results);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
        }
        return 0;
    }
}
