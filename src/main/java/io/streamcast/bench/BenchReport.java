package io.streamcast.bench;

import io.streamcast.model.Engine;
import io.streamcast.model.EngineConfig;
import io.streamcast.model.Engines;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The end-to-end bench's table, target verdicts and JSON document. */
public final class BenchReport {
    /**
     * Issue 7's targets, by kind of model so that a new model gets its target from the registry: a model
     * whose state is all per series (no shared state, as AR) at least 60 % of the passthrough rate, a
     * model with a shared network (FF-AR, LSTM, auto) at least 25 %; and p99 latency at half rate.
     */
    public static final double TARGET_RATIO_LOCAL = 0.60;
    public static final double TARGET_RATIO_SHARED = 0.25;
    static final double TARGET_P99_MS = 50;
    static final String LATENCY_METHOD = "producer send() call to the poll of a read_committed consumer that returned"
            + " the output record (System.nanoTime, same JVM), for events sent at half the stage's drain rate";

    private BenchReport() {}

    /** Rate of {@code r} over the passthrough stage's, or NaN when there is no passthrough stage. */
    static double ratio(StageResult r, List<StageResult> all) {
        for (StageResult p : all) {
            if (p.stage().equals(EndToEndBench.PASSTHROUGH)) {
                return r.eventsPerSecond() / p.eventsPerSecond();
            }
        }
        return Double.NaN;
    }

    /**
     * Passthrough CPU per event over the stage's: the rate ratio where CPU is what limits (a machine
     * shared with other work, where wall-clock rates swing with the neighbours' load).
     */
    static double cpuRatio(StageResult r, List<StageResult> all) {
        for (StageResult p : all) {
            if (p.stage().equals(EndToEndBench.PASSTHROUGH)) {
                return p.processCpuMicrosPerEvent() / r.processCpuMicrosPerEvent();
            }
        }
        return Double.NaN;
    }

    public static void table(PrintWriter out, List<StageResult> results) {
        out.println("| stage | events/s | ratio | ratio by CPU | p50 ms | p99 ms | paced at /s | CPU µs/event (process) "
                + "| CPU µs/event (stream thread) | live heap MB | RSS MB (peak) | state B/series | outputs/sent |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (StageResult r : results) {
            out.printf(Locale.ROOT, "| %s | %,.0f | %s | %s | %.1f | %.1f | %,.0f | %.1f | %.1f | %.0f | %.0f (%.0f) | %,.0f | %d/%d |%n",
                    r.stage(), r.eventsPerSecond(), percent(ratio(r, results)), percent(cpuRatio(r, results)),
                    r.latencyP50Ms(), r.latencyP99Ms(),
                    r.pacedRate(), r.processCpuMicrosPerEvent(), r.streamThreadCpuMicrosPerEvent(),
                    r.liveHeapBytes() / 1e6, r.rssBytes() / 1e6, r.peakRssBytes() / 1e6, r.state().perSeries(),
                    r.outputsSeen(), r.eventsSent());
        }
        out.println();
        out.println("| stage | series stored | series store B/series | engine B | detector B | pending forecasts B "
                + "| resample B | latest forecast B | checkpoints KB (all tasks) |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        for (StageResult r : results) {
            StateFootprint s = r.state();
            out.printf(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.1f |%n", r.stage(),
                    s.series(), s.perSeries(s.seriesStoreBytes()), s.perSeries(s.engineBytes()),
                    s.perSeries(s.detectorBytes()), s.perSeries(s.pendingForecastBytes()),
                    s.perSeries(s.resampleStoreBytes()), s.perSeries(s.latestForecastStoreBytes()),
                    s.checkpointStoreBytes() / 1e3);
        }
        out.println();
        out.println("CPU µs per event during the drain, by thread group:");
        for (StageResult r : results) {
            StringBuilder line = new StringBuilder("  " + r.stage() + ":");
            r.cpuSecondsByThread().forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.1f;", k,
                    v * 1e6 / r.drainEvents())));
            out.println(line);
        }
        out.println();
        for (String line : verdicts(results)) {
            out.println(line);
        }
    }

    static List<String> verdicts(List<StageResult> results) {
        List<String> lines = new ArrayList<>();
        for (StageResult r : results) {
            double target = targetRatio(r.stage());
            double ratio = ratio(r, results);
            if (!Double.isNaN(target) && !Double.isNaN(ratio)) {
                double byCpu = cpuRatio(r, results);
                lines.add(String.format(Locale.ROOT, "target %s >= %.0f%% of passthrough: %s (%s); by CPU per event %s (%s)",
                        r.stage(), 100 * target, percent(ratio), ratio >= target ? "met" : "MISSED", percent(byCpu),
                        byCpu >= target ? "met" : "MISSED"));
            }
            if (!r.stage().equals(EndToEndBench.PASSTHROUGH)) {
                lines.add(String.format(Locale.ROOT, "target %s p99 <= %.0f ms at half rate: %.1f ms at %,.0f events/s (%s)",
                        r.stage(), TARGET_P99_MS, r.latencyP99Ms(), r.pacedRate(),
                        r.latencyP99Ms() <= TARGET_P99_MS ? "met" : "MISSED"));
            }
        }
        return lines;
    }

    /**
     * The rate target of a stage: by whether the registry's engine of that name keeps shared state
     * ({@link Engine#sharedState} is empty for models whose state is all per series); NaN for the
     * passthrough or a model that cannot be created with default settings.
     */
    public static double targetRatio(String stage) {
        if (!Engines.names().contains(stage)) {
            return Double.NaN;
        }
        return TARGETS.computeIfAbsent(stage, s -> {
            try {
                return Engines.create(s, EngineConfig.of(1)).sharedState().length == 0 ? TARGET_RATIO_LOCAL : TARGET_RATIO_SHARED;
            } catch (IllegalArgumentException e) {
                return Double.NaN; // e.g. snaive, which needs a fixed season
            }
        });
    }

    private static final Map<String, Double> TARGETS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String percent(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * ratio);
    }

    public static Map<String, Object> json(EndToEndBench.Settings s, List<StageResult> results) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("level", "end-to-end");
        doc.put("series", s.series());
        doc.put("partitions", s.partitions());
        doc.put("horizon", s.horizon());
        doc.put("warmupChunkEvents", s.warmupRounds() * s.series());
        doc.put("maxWarmupChunks", s.maxWarmupChunks());
        doc.put("events", s.drainEvents());
        doc.put("pacedEvents", s.pacedRounds() * s.series());
        doc.put("settings", s.overrides());
        doc.put("processors", Runtime.getRuntime().availableProcessors());
        doc.put("ompNumThreads", System.getenv("OMP_NUM_THREADS"));
        doc.put("latencyMethod", LATENCY_METHOD);
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", r.stage());
            m.put("warmupEvents", r.warmupEvents());
            m.put("eventsSent", r.eventsSent());
            m.put("outputsSeen", r.outputsSeen());
            m.put("seriesSeen", r.seriesSeen());
            m.put("deadLetters", r.deadLetters());
            m.put("drainEvents", r.drainEvents());
            m.put("drainSeconds", r.drainSeconds());
            m.put("eventsPerSecond", r.eventsPerSecond());
            m.put("ratioToPassthrough", finite(ratio(r, results)));
            m.put("cpuRatioToPassthrough", finite(cpuRatio(r, results)));
            m.put("processCpuSeconds", r.processCpuSeconds());
            m.put("processCpuMicrosPerEvent", r.processCpuMicrosPerEvent());
            m.put("streamThreadCpuSeconds", r.streamThreadCpuSeconds());
            m.put("streamThreadCpuMicrosPerEvent", r.streamThreadCpuMicrosPerEvent());
            Map<String, Object> byThread = new LinkedHashMap<>();
            r.cpuSecondsByThread().forEach((k, v) -> byThread.put(k, v * 1e6 / r.drainEvents()));
            m.put("cpuMicrosPerEventByThread", byThread);
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("rate", r.pacedRate());
            latency.put("events", r.pacedEvents());
            latency.put("p50Ms", finite(r.latencyP50Ms()));
            latency.put("p99Ms", finite(r.latencyP99Ms()));
            latency.put("maxMs", finite(r.latencyMaxMs()));
            m.put("latency", latency);
            m.put("liveHeapBytes", r.liveHeapBytes());
            m.put("peakHeapBytes", r.peakHeapBytes());
            m.put("rssBytes", r.rssBytes());
            m.put("peakRssBytes", r.peakRssBytes());
            StateFootprint st = r.state();
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("series", st.series());
            state.put("bytesPerSeries", st.perSeries());
            state.put("seriesStoreBytesPerSeries", st.perSeries(st.seriesStoreBytes()));
            state.put("engineBytesPerSeries", st.perSeries(st.engineBytes()));
            state.put("detectorBytesPerSeries", st.perSeries(st.detectorBytes()));
            state.put("pendingForecastBytesPerSeries", st.perSeries(st.pendingForecastBytes()));
            state.put("resampleBytesPerSeries", st.perSeries(st.resampleStoreBytes()));
            state.put("latestForecastBytesPerSeries", st.perSeries(st.latestForecastStoreBytes()));
            state.put("checkpointStoreBytes", st.checkpointStoreBytes());
            m.put("state", state);
            stages.add(m);
        }
        doc.put("stages", stages);
        doc.put("targets", verdicts(results));
        return doc;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
