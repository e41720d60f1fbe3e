package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamcast.rocksdb.*}: one bounded off-heap budget for every RocksDB store, on by default. */
class StoreMemoryTest {

    @Test
    void shouldBoundRocksDbMemoryByDefault() {
        ServiceConfig c = ServiceConfig.ofDefaults();
        assertEquals(128L << 20, c.storeMemory().bytes());
        Map<String, Object> p = StreamcastTopology.streamsProperties(c);
        assertEquals(BoundedRocksDbMemory.class.getName(), p.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG));
        assertEquals(Long.toString(128L << 20), p.get(BoundedRocksDbMemory.BYTES));
        assertEquals("0.5", p.get(BoundedRocksDbMemory.WRITE_BUFFER_SHARE));
    }

    @Test
    void shouldReadSizesWithUnitsAndLeaveKafkaDefaultsAtZero() {
        assertEquals(64L << 20, ServiceConfig.from(Map.of("streamcast.rocksdb.memory", "64MB")).storeMemory().bytes());
        assertEquals(1L << 30, ServiceConfig.from(Map.of("streamcast.rocksdb.memory", "1gb")).storeMemory().bytes());
        assertEquals(512L << 10, ServiceConfig.from(Map.of("streamcast.rocksdb.memory", "512 KB")).storeMemory().bytes());
        assertEquals(1000, ServiceConfig.from(Map.of("streamcast.rocksdb.memory", "1000")).storeMemory().bytes());
        ServiceConfig off = ServiceConfig.from(Map.of("streamcast.rocksdb.memory", "0"));
        assertFalse(off.storeMemory().bounded());
        assertFalse(StreamcastTopology.streamsProperties(off).containsKey(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG));
    }

    @Test
    void shouldLetTheUsersOwnConfigSetterWin() {
        ServiceConfig c = ServiceConfig.from(Map.of("rocksdb.config.setter", "com.example.MySetter"));
        assertEquals("com.example.MySetter", StreamcastTopology.streamsProperties(c).get("rocksdb.config.setter"));
    }

    @Test
    void shouldNameTheKeyOfABadSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceConfig.from(Map.of("streamcast.rocksdb.memory", "lots")));
        assertTrue(e.getMessage().contains("streamcast.rocksdb.memory") && e.getMessage().contains("'lots'"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ServiceConfig.from(Map.of("streamcast.rocksdb.write-buffer-share", "1.5")));
        assertTrue(e.getMessage().contains("streamcast.rocksdb.write-buffer-share"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ServiceConfig.from(Map.of("streamcast.rocksdb.memory", "99999999999GB")));
        assertTrue(e.getMessage().contains("streamcast.rocksdb.memory"), e.getMessage());
    }

    @Test
    void shouldPutEveryStoreOfTheTopologyInTheSharedCache(@TempDir Path dir) {
        // A budget no other test uses, so its cache is this topology's alone.
        ServiceConfig.StoreMemory budget = new ServiceConfig.StoreMemory(37L << 20, 0.25);
        assertEquals(-1, BoundedRocksDbMemory.usage(budget));
        try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.rocksdb.memory", Long.toString(budget.bytes()),
                "streamcast.rocksdb.write-buffer-share", "0.25", "streamcast.batch.size", "1"), dir)) {
            for (int t = 0; t < 20; t++) {
                h.event("s-" + (t % 3), t, 10 + t % 5);
            }
            assertEquals(20, h.forecasts().size());
            assertTrue(BoundedRocksDbMemory.usage(budget) > 0, "the stores' memtables are charged to the shared cache");
        }
    }
}
