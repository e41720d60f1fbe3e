package io.streamcast.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the bench reads about its own process: CPU time of the whole process (broker, producer,
 * streams and consumer alike, from {@code com.sun.management.OperatingSystemMXBean}), CPU time of the
 * Kafka Streams threads of one application, heap in use, and the resident set size from
 * {@code /proc/self/status} (heap, metaspace, RocksDB and ND4J native memory together).
 */
final class ProcessProbe {
    private static final Path STATUS = Path.of("/proc/self/status");
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds of the whole process so far, or -1 where the JVM cannot tell. */
    long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * CPU nanoseconds of the live Java threads so far, by group: the stage's stream thread, the
     * streams' producer I/O thread, the bench's own producer and consumer, and everything else (in
     * this JVM: the broker). Threads that ended meanwhile drop out, so take differences over spans
     * in which the groups' threads live.
     */
    Map<String, Long> threadCpuNanos(String applicationId) {
        Map<String, Long> groups = new TreeMap<>();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                groups.merge(group(t.getThreadName(), applicationId), cpu, Long::sum);
            }
        }
        return groups;
    }

    private static String group(String name, String applicationId) {
        if (name.startsWith(applicationId + "-") && name.contains("StreamThread")) {
            return "stream thread";
        }
        if (name.startsWith("kafka-producer-network-thread | " + applicationId + "-")) {
            return "streams producer I/O";
        }
        if (name.startsWith(applicationId + "-")) {
            return "other streams threads";
        }
        if (name.startsWith("kafka-producer-network-thread | producer-") || name.startsWith("bench-")
                || name.equals("main")) {
            return "bench producer, consumer, main";
        }
        return "broker and other JVM threads";
    }

    /**
     * Where the process's CPU went between two readings: seconds per thread group, plus what no Java
     * thread accounts for (garbage collection, JIT compilers, RocksDB's native threads), and, for
     * reference, the JVM's own counts of compilation and collection time over the span.
     */
    static Map<String, Double> breakdown(long process0, Map<String, Long> threads0, long process1,
            Map<String, Long> threads1, long jitMs0, long jitMs1, long gcMs0, long gcMs1) {
        Map<String, Double> out = new LinkedHashMap<>();
        long javaThreads = 0;
        for (Map.Entry<String, Long> e : threads1.entrySet()) {
            long d = Math.max(0, e.getValue() - threads0.getOrDefault(e.getKey(), 0L));
            javaThreads += d;
            out.put(e.getKey(), d / 1e9);
        }
        out.put("not in Java threads (GC, JIT, RocksDB native)", Math.max(0, process1 - process0 - javaThreads) / 1e9);
        out.put("of which JIT compile time (JVM count)", (jitMs1 - jitMs0) / 1e3);
        out.put("of which GC time (JVM count)", (gcMs1 - gcMs0) / 1e3);
        return out;
    }

    static long jitMillis() {
        var c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
    }

    static long gcMillis() {
        long sum = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Heap in use after a full collection: the live heap. */
    static long liveHeap() {
        System.gc();
        return heapUsed();
    }

    /** VmRSS in bytes, or -1 without {@code /proc}. */
    static long rss() {
        return status("VmRSS");
    }

    /** A figure of {@code /proc/self/status} in bytes ({@code VmRSS}, {@code VmHWM}, ...), or -1 without {@code /proc}. */
    static long status(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
