package io.streamcast.bench;


/**
 * The figures of one stage of {@code bench}. Throughput is of the drain phase (a backlog of
 * {@code events} events processed from when the paused streams resumed to when the last output was
 * seen by a read_committed consumer); CPU is of that phase, also by thread group; latency is of the paced phase at
 * {@code pacedRate} events/s; heap is live heap after a full GC at the end of the stage; RSS is
 * VmRSS at the end and the largest sampled during the stage.
 */
public record StageResult(String stage, long warmupEvents, long eventsSent, long outputsSeen, int seriesSeen, long deadLetters,
        long drainEvents, double drainSeconds, double eventsPerSecond, double processCpuSeconds,
        double streamThreadCpuSeconds, java.util.Map<String, Double> cpuSecondsByThread, double pacedRate, long pacedEvents, double latencyP50Ms,
        double latencyP99Ms, double latencyMaxMs, long liveHeapBytes, long peakHeapBytes, long rssBytes,
        long peakRssBytes, StateFootprint state) {

    double processCpuMicrosPerEvent() {
        return processCpuSeconds * 1e6 / drainEvents;
    }

    double streamThreadCpuMicrosPerEvent() {
        return streamThreadCpuSeconds * 1e6 / drainEvents;
    }
}
