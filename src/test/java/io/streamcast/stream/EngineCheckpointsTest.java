package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checkpoint store keeps every record under Kafka's default size limit and gives the shared states back whole. */
class EngineCheckpointsTest {

    private static final String FFAR = "ffar|lags=0|h=10|step=0";
    /** A longer model key that begins with the first: a rule with its own season. */
    private static final String FFAR_SEASON = FFAR + "|season=24";

    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("checkpoints"), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void shouldWriteAStateOfMegabytesInPiecesUnderTheRecordLimitAndReadItBackWhole() {
        byte[] big = bytes(3 * 1024 * 1024 + 17, 1);
        byte[] small = bytes(100, 2);
        new EngineCheckpoints(store).checkpoint(Map.of(FFAR, big, FFAR_SEASON, small));

        int records = 0;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                assertTrue(kv.value.length <= EngineCheckpoints.CHUNK_BYTES, kv.key + ": " + kv.value.length + " bytes");
                records++;
            }
        }
        assertEquals(7 + 1, records, "3 MB in 512 KB pieces, and the small state in one");
        Map<String, byte[]> restored = restore();
        assertArrayEquals(big, restored.get(FFAR));
        assertArrayEquals(small, restored.get(FFAR_SEASON));
    }

    @Test
    void shouldDropThePiecesOfALargerEarlierCheckpointAndLeaveOtherModelsAlone() {
        EngineCheckpoints checkpoints = new EngineCheckpoints(store);
        byte[] season = bytes(2000, 3);
        checkpoints.checkpoint(Map.of(FFAR, bytes(2 * 1024 * 1024, 4), FFAR_SEASON, season));
        byte[] later = bytes(600 * 1024, 5);
        checkpoints.checkpoint(Map.of(FFAR, later));

        Map<String, byte[]> restored = restore();
        assertArrayEquals(later, restored.get(FFAR), "no piece of the earlier, larger state is left behind");
        assertArrayEquals(season, restored.get(FFAR_SEASON), "a model key that begins with another is its own");
    }

    @Test
    void shouldStillLoadAStateWrittenInOnePieceByTheEarlierVersion() {
        byte[] legacy = bytes(5000, 6);
        store.put("shared/" + FFAR, legacy);
        assertArrayEquals(legacy, restore().get(FFAR));

        byte[] next = bytes(700 * 1024, 7);
        new EngineCheckpoints(store).checkpoint(Map.of(FFAR, next));
        assertArrayEquals(next, restore().get(FFAR), "the one-piece state is replaced, not appended to");
    }

    private Map<String, byte[]> restore() {
        Map<String, byte[]> shared = new LinkedHashMap<>();
        new EngineCheckpoints(store).restore(new EngineCheckpoints.Restorer() {
            @Override
            public void loadShared(String modelKey, byte[] state) {
                shared.put(modelKey, state);
            }

            @Override
            public void loadSeries(String modelKey, String series, byte[] state) {
            }

            @Override
            public void replay(CheckpointLog call) {
            }
        });
        return shared;
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }
}
