package io.streamcast.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamcast.metrics.MeterNames;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The gauges of {@link MicrometerStreamcastMetrics} that outlive one topology: a gauge keeps the holder
 * it was first registered with, so a topology rebuilt on a configuration change must write through the
 * same holder. One per registry. Tasks report their counts after each batch; the gauges sum them.
 */
final class RegistryGauges {

    private static final Map<MeterRegistry, RegistryGauges> BY_REGISTRY = new WeakHashMap<>();

    private volatile double coverageTarget = Double.NaN;
    /** Per task (a processor instance): {series in its engines' memory, series in its store}. */
    private final ConcurrentMap<Object, long[]> tasks = new ConcurrentHashMap<>();

    static RegistryGauges of(MeterRegistry registry) {
        synchronized (BY_REGISTRY) {
            return BY_REGISTRY.computeIfAbsent(registry, RegistryGauges::register);
        }
    }

    private static RegistryGauges register(MeterRegistry registry) {
        RegistryGauges g = new RegistryGauges();
        Gauge.builder(MeterNames.COVERAGE_TARGET, g, x -> x.coverageTarget)
                .description("interval coverage the models aim for").strongReference(true).register(registry);
        Gauge.builder(MeterNames.SERIES_LIVE, g, x -> x.sum(0))
                .description("series whose model state is in memory (bounded by streamcast.series.cache per model"
                        + " configuration and instance)").strongReference(true).register(registry);
        Gauge.builder(MeterNames.SERIES_STORED, g, x -> x.sum(1))
                .description("RocksDB's estimate of the keys in this instance's series stores: it counts overwrites"
                        + " not yet compacted, so it runs high for few, often-updated series")
                .strongReference(true).register(registry);
        return g;
    }

    void coverageTarget(double coverage) {
        coverageTarget = coverage;
    }

    void counts(Object task, int live, long stored) {
        tasks.put(task, new long[] {live, stored});
    }

    void closed(Object task) {
        tasks.remove(task);
    }

    private double sum(int i) {
        long total = 0;
        for (long[] c : tasks.values()) {
            total += c[i];
        }
        return total;
    }
}
