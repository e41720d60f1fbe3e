package io.streamcast.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** CPU nanoseconds of the live threads whose name contains {@code applicationId + "-"} and "StreamThread". */
    long streamThreadCpuNanos(String applicationId) {
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(applicationId + "-") && t.getThreadName().contains("StreamThread")) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                sum += Math.max(0, cpu);
            }
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
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
