package io.streamcast.stream;

import io.streamcast.series.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The task-level {@link StreamcastTopology#CHECKPOINT_STORE} of the shared engines (neural networks):
 * <ul>
 * <li>{@code shared/MODELKEY} — the engine's shared state at the last checkpoint;</li>
 * <li>{@code before/MODELKEY/SERIES} — a series' engine state before its first batch since then;</li>
 * <li>{@code log/SEQ} — every engine call since then, in order ({@link CheckpointLog}).</li>
 * </ul>
 * A checkpoint replaces the shared states and clears the rest, so the log never holds more than
 * N batches; a restored task loads the checkpoint and before-images and replays the log.
 */
final class EngineCheckpoints {
    private static final String SHARED = "shared/";
    private static final String BEFORE = "before/";
    private static final String LOG = "log/";
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, byte[]> store;
    private long nextLogKey;
    private int batches;

    /** How a restored task gets its engines back. */
    interface Restorer {
        void loadShared(String modelKey, byte[] state);

        /** {@code state} null: the series was new to the engine. */
        void loadSeries(String modelKey, String series, byte[] state);

        void replay(CheckpointLog call);
    }

    EngineCheckpoints(KeyValueStore<String, byte[]> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    void before(String modelKey, String series, byte[] engineState) {
        store.put(BEFORE + modelKey + "/" + series, engineState == null ? new byte[0] : engineState);
    }

    void log(String modelKey, List<String> evicted, List<Observation> batch) {
        if (!(evicted.isEmpty() && batch.isEmpty())) {
            store.put(LOG + String.format("%019d", nextLogKey++), new CheckpointLog(modelKey, evicted, batch).toBytes());
            batches++;
        }
    }

    /** Engine calls logged since the last checkpoint. */
    int batchesSinceCheckpoint() {
        return batches;
    }

    void checkpoint(Map<String, byte[]> sharedStates) {
        sharedStates.forEach((key, state) -> store.put(SHARED + key, state));
        deletePrefix(LOG);
        deletePrefix(BEFORE);
        batches = 0;
    }

    /** Loads the checkpoint and before-images, then replays the log, in that order. */
    void restore(Restorer restorer) {
        nextLogKey = 0;
        batches = 0;
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(SHARED, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                restorer.loadShared(kv.key.substring(SHARED.length()), kv.value);
            }
        }
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(BEFORE, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                String rest = kv.key.substring(BEFORE.length());
                int slash = rest.indexOf('/');
                restorer.loadSeries(rest.substring(0, slash), rest.substring(slash + 1),
                        kv.value.length == 0 ? null : kv.value);
            }
        }
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(LOG, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                nextLogKey = Math.max(nextLogKey, Long.parseLong(kv.key.substring(LOG.length())) + 1);
                batches++;
                restorer.replay(CheckpointLog.fromBytes(kv.value));
            }
        }
    }

    private void deletePrefix(String prefix) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                keys.add(it.next().key);
            }
        }
        keys.forEach(store::delete);
    }
}
