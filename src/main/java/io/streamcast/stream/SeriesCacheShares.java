package io.streamcast.stream;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream tasks of one topology (one Kafka Streams client: the service's process) that hold series
 * in memory. {@code streamcast.series.cache} is the budget of the client, not of a task: each task
 * keeps its even share, so the heap holds as many series whether the instance owns one partition or,
 * after the other instances failed, all of them. Thread-safe: tasks run on several stream threads.
 */
final class SeriesCacheShares {
    private final Set<Object> tasks = ConcurrentHashMap.newKeySet();

    void join(Object task) {
        tasks.add(task);
    }

    void leave(Object task) {
        tasks.remove(task);
    }

    /** Series one task may keep per model configuration: {@code cache} split evenly among the tasks, at least 1. */
    int share(int cache) {
        return Math.max(1, cache / Math.max(1, tasks.size()));
    }
}
