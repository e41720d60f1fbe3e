package io.streamcast.stream;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Steps waiting for the next batch, in the changelogged {@link StreamcastTopology#BUFFER_STORE} (key:
 * a sequence number, value: the step's bytes) and in memory: a commit while steps wait loses
 * nothing, a restarted task finds them and finishes them.
 */
final class StepBuffer {
    private final KeyValueStore<Long, byte[]> store;
    private final List<Long> keys = new ArrayList<>();
    private final List<Resampled> steps = new ArrayList<>();
    private long nextKey;

    /** The buffer over {@code store}, holding the steps a previous owner of the task left there. */
    StepBuffer(KeyValueStore<Long, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<Long, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Long, byte[]> kv = it.next();
                keys.add(kv.key);
                steps.add(ResampledCodec.decode(kv.value));
                nextKey = Math.max(nextKey, kv.key + 1);
            }
        }
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    int size() {
        return steps.size();
    }

    void add(Resampled step) {
        long key = nextKey++;
        store.put(key, ResampledCodec.encode(step));
        keys.add(key);
        steps.add(step);
    }

    /** The waiting steps, in order. */
    List<Resampled> steps() {
        return List.copyOf(steps);
    }

    /** Forgets the waiting steps once they are taken. */
    void clear() {
        for (Long k : keys) {
            store.delete(k);
        }
        keys.clear();
        steps.clear();
    }
}
