package io.streamcast.bench;

import io.streamcast.model.Engine;
import io.streamcast.series.Observation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench --no-kafka}: online-update throughput of one engine on generated series, as the
 * stream processor drives it — one {@code step} call per round holding one value of every series —
 * and, beside it, the same engine stepped one observation per call. Wall-clock observations/s and
 * observations per CPU-second of the stepping thread (steadier when the cores are shared), and the
 * state bytes of one series and of the shared part.
 */
public final class ModelBench {
    public static final int WARMUP_ROUNDS = 40;

    private ModelBench() {}

    public static Map<String, Object> measure(Engine engine, String model, int series, long events, long seed) {
        BenchData data = new BenchData(series, seed, 0);
        for (int t = 0; t < WARMUP_ROUNDS; t++) {
            engine.step(data.observations(t));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long rounds = Math.max(1, events / series);
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        int t = WARMUP_ROUNDS;
        for (long i = 0; i < rounds; i++, t++) {
            engine.step(data.observations(t));
        }
        double batchedWall = (System.nanoTime() - wall) / 1e9;
        double batchedCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        long singleRounds = Math.max(1, rounds / 10);
        wall = System.nanoTime();
        cpu = threads.getCurrentThreadCpuTime();
        for (long i = 0; i < singleRounds; i++, t++) {
            for (Observation o : data.observations(t)) {
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
        r.put("seriesStateBytes", engine.seriesState(BenchData.id(0)).length);
        r.put("sharedStateBytes", engine.sharedState().length);
        return r;
    }
}
