package io.streamcast.cli;

import io.streamcast.bench.MemoryBench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamcast.model.Engines;
import io.streamcast.stream.ServiceConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench memory}: the service's topology over a million distinct series ids, to show that memory
 * stays bounded by configuration (engines hold {@code streamcast.series.cache} series per model configuration,
 * RocksDB holds {@code streamcast.rocksdb.memory}) rather than growing with the number of series.
 * Prints a table of samples (heap after a full GC, RSS, live series, evictions, store keys) and,
 * with {@code --json}, writes them. Run it with the heap you mean to prove, e.g.
 * {@code java -Xmx256m -jar target/streamcast.jar bench memory --series 1000000}.
 *
 * <p>It runs the service's topology in a real Kafka Streams client (exactly-once, RocksDB stores, commits
 * every 100 ms) against a broker started in this JVM, not in {@code TopologyTestDriver}: the driver commits,
 * and so flushes every RocksDB memtable to a new file, after every record — about 400 events/s here, and a
 * store shape no service has. The broker's share of heap and RSS is the first sample, taken before the
 * service starts; every later figure includes it, so the service alone holds less than what is printed.
 */
@Command(name = "memory", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the service's topology over N distinct series ids and sample memory: heap after a full "
                + "GC, RSS, RocksDB cache, series live in memory, evictions, stored series.",
            "Give the JVM the heap to prove, e.g. java -Xmx256m -jar target/streamcast.jar bench memory "
                + "--series 1000000"})
final class BenchMemoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--series", defaultValue = "1000000", paramLabel = "N",
            description = "distinct series ids (default: ${DEFAULT-VALUE})")
    long series;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N",
            description = "events per series; round 2 onwards brings every evicted series back from the store "
                    + "(default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--partitions", defaultValue = "4", paramLabel = "N",
            description = "partitions of the input topic = stream tasks; they share the series cache (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--cache", paramLabel = "N",
            description = "series held in memory by the service, split among its tasks (streamcast.series.cache; default: the "
                    + "service's, 10000)")
    Integer cache;

    @Option(names = "--model", defaultValue = "ar", paramLabel = "NAME", description = "model of every series (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--sample-every", paramLabel = "N", description = "events between samples (default: a tenth of the run)")
    Long sampleEvery;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
            description = "a configuration key of the service, repeatable (e.g. -D streamcast.rocksdb.memory=0)")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--state-dir", paramLabel = "DIR", description = "where the stores live, empty or new (default: a "
            + "temporary directory, deleted afterwards)")
    Path stateDir;

    @Option(names = "--timeout", defaultValue = "30m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "give up (exit 1) if the service has not forecast every event by then (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the samples and totals as JSON")
    Path json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (series < 1 || rounds < 1 || partitions < 1 || (sampleEvery != null && sampleEvery < 1)
                || (cache != null && cache < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--series, --rounds, --partitions, --cache and "
                    + "--sample-every must be ≥ 1; got " + series + ", " + rounds + ", " + partitions + ", " + cache
                    + ", " + sampleEvery);
        }
        if (!Engines.names().contains(model)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model '" + model
                    + "' is not a model; known models: " + String.join(", ", Engines.names()));
        }
        Map<String, String> keys = new LinkedHashMap<>(settings);
        keys.put("streamcast.model", model);
        if (cache != null) {
            keys.put("streamcast.series.cache", cache.toString());
        }
        ServiceConfig config;
        try {
            config = ServiceConfig.from(keys);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        long events = series * rounds;
        long every = sampleEvery != null ? sampleEvery : Math.max(1, events / 10);
        if (stateDir != null && Files.isDirectory(stateDir)) {
            try (Stream<Path> entries = Files.list(stateDir)) {
                if (entries.findAny().isPresent()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--state-dir " + stateDir
                            + " is not empty: give an empty or new directory (each run starts on a fresh broker)");
                }
            }
        }
        boolean temporary = stateDir == null;
        Path dir = temporary ? Files.createTempDirectory("streamcast-bench-memory") : Files.createDirectories(stateDir);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench memory: %,d series x %d rounds, %d partitions, model %s, series cache %,d, "
                + "RocksDB memory %s, max heap %s, state in %s%n", series, rounds, partitions, model, config.seriesCache(),
                config.storeMemory().bounded() ? mb(config.storeMemory().bytes()) : "unbounded (Kafka Streams defaults)",
                mb(Runtime.getRuntime().maxMemory()), dir);
        out.println("| phase | events forecast | heap after full GC MB | max heap after any GC MB | RSS MB "
                + "| RocksDB cache MB | live | evictions | stored (estimate) | events/s |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        out.flush();
        MemoryBench.Result result;
        try {
            result = new MemoryBench(config, series, rounds, partitions, every, dir, timeout).run(s -> {
                out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f | %.1f | %,d | %,d | %,d | %,.0f |%n",
                        s.phase(), s.events(), mbValue(s.heapAfterGcBytes()), mbValue(s.maxHeapAfterAnyGcBytes()),
                        mbValue(s.rssBytes()), mbValue(s.rocksDbCacheBytes()), s.live(), s.evictions(),
                        s.storedEstimate(), s.eventsPerSecond());
                out.flush();
            });
        } finally {
            if (temporary) {
                delete(dir);
            }
        }
        MemoryBench.Sample last = result.last();
        long peakHeap = result.samples().stream().mapToLong(MemoryBench.Sample::heapAfterGcBytes).max().orElse(0);
        out.printf(Locale.ROOT, "largest heap after a full GC %s of %s max; largest after any GC %s; peak RSS %s%n",
                mb(peakHeap), mb(result.heapMaxBytes()), mb(last.maxHeapAfterAnyGcBytes()), mb(result.peakRssBytes()));
        out.printf(Locale.ROOT, "%,d series stored (%s of state on disk), %,d live in memory, %,d evictions, %,d forecasts; "
                + "events produced in %.0f s, processed in %.0f s (%,.0f events/s)%n", result.storedKeys(),
                mb(result.stateDirBytes()), last.live(), last.evictions(), last.events(), result.produceSeconds(),
                result.processSeconds(), events / result.processSeconds());
        if (json != null) {
            write(config, result);
        }
        return 0;
    }

    private void write(ServiceConfig config, MemoryBench.Result result) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("series", series);
        doc.put("rounds", rounds);
        doc.put("model", model);
        doc.put("seriesCache", config.seriesCache());
        doc.put("rocksDbMemoryBytes", config.storeMemory().bytes());
        doc.put("heapMaxBytes", result.heapMaxBytes());
        doc.put("peakRssBytes", result.peakRssBytes());
        doc.put("storedSeries", result.storedKeys());
        doc.put("stateDirBytes", result.stateDirBytes());
        doc.put("partitions", partitions);
        doc.put("produceSeconds", result.produceSeconds());
        doc.put("processSeconds", result.processSeconds());
        doc.put("samples", result.samples());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", mbValue(bytes));
    }

    private static double mbValue(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
