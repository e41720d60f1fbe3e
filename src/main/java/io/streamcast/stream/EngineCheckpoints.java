package io.streamcast.stream;

import io.streamcast.series.Observation;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * <li>{@code shared/MODELKEY#00000}, {@code #00001}, … — the engine's shared state at the last checkpoint, in
 * pieces of at most {@link #CHUNK_BYTES} (a network's state with its replay buffer reaches megabytes, and Kafka
 * refuses a changelog record over its 1 MB default {@code max.request.size} / {@code message.max.bytes}: the
 * stream thread died on it); {@code shared/MODELKEY} in one piece, as written before, still loads;</li>
 * <li>{@code before/MODELKEY/SERIES} — a series' engine state before its first batch since then;</li>
 * <li>{@code log/SEQ} — every engine call since then, in order ({@link CheckpointLog}).</li>
 * </ul>
 * A checkpoint replaces the shared states and clears the rest, so the log never holds more than
 * N batches; a restored task loads the checkpoint and before-images and replays the log.
 */
final class EngineCheckpoints {
    /** Most bytes of shared state in one record: half of Kafka's default 1 MB limit, room for key and batch headers. */
    static final int CHUNK_BYTES = 512 * 1024;
    private static final String SHARED = "shared/";
    private static final char CHUNK = '#';
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
        sharedStates.forEach((key, state) -> {
            // the previous checkpoint's pieces (there may have been more) and a one-piece one of an earlier version;
            // not the prefix SHARED + key alone, which would also take a longer model key that begins with this one
            store.delete(SHARED + key);
            deletePrefix(SHARED + key + CHUNK);
            int pieces = Math.max(1, (state.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
            for (int i = 0; i < pieces; i++) {
                store.put(SHARED + key + CHUNK + String.format("%05d", i),
                        Arrays.copyOfRange(state, i * CHUNK_BYTES, Math.min(state.length, (i + 1) * CHUNK_BYTES)));
            }
        });
        deletePrefix(LOG);
        deletePrefix(BEFORE);
        batches = 0;
    }

    /** Loads the checkpoint and before-images, then replays the log, in that order. */
    void restore(Restorer restorer) {
        nextLogKey = 0;
        batches = 0;
        Map<String, ByteArrayOutputStream> shared = new LinkedHashMap<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(SHARED, KEYS)) {
            while (it.hasNext()) { // in key order: a model's pieces in sequence
                KeyValue<String, byte[]> kv = it.next();
                String rest = kv.key.substring(SHARED.length());
                int chunk = rest.lastIndexOf(CHUNK);
                String modelKey = chunk < 0 ? rest : rest.substring(0, chunk);
                shared.computeIfAbsent(modelKey, k -> new ByteArrayOutputStream()).writeBytes(kv.value);
            }
        }
        shared.forEach((modelKey, state) -> restorer.loadShared(modelKey, state.toByteArray()));
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
