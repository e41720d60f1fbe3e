package io.streamcast.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the process by one budget
 * ({@code streamcast.rocksdb.memory}), after Kafka Streams' "BoundedMemoryRocksDBConfig": one LRU block
 * cache shared by all stores holds data blocks and also index and filter blocks (which otherwise grow
 * with the data, outside any bound), and a write-buffer manager charges the memtables of all stores to
 * that same cache, up to {@code streamcast.rocksdb.write-buffer-share} of it.
 *
 * <p>Without it each store of each task has its own 50 MB block cache and up to three 16 MB memtables:
 * with five stores per task and four tasks that is up to 2 GB of RSS beside the heap.
 *
 * <p>The cache and the manager are shared by every store using the same budget and live as long as
 * the process (they are never closed by a store: other stores use them). Kafka Streams creates this
 * class by name, hence public.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** Streams property carrying the budget in bytes (set by {@link StreamcastTopology#streamsProperties}). */
    static final String BYTES = "streamcast.rocksdb.memory";
    /** Streams property carrying the memtables' share of the budget. */
    static final String WRITE_BUFFER_SHARE = "streamcast.rocksdb.write-buffer-share";
    /** Index and filter blocks get this share of the cache at high priority, so data blocks do not push them out. */
    private static final double HIGH_PRIORITY_SHARE = 0.1;
    /** Kafka Streams' own memtable size, used when the budget allows it. */
    private static final long MAX_MEMTABLE = 16L << 20;

    private static final Map<ServiceConfig.StoreMemory, Shared> SHARED = new ConcurrentHashMap<>();

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        ServiceConfig.StoreMemory budget = budget(configs);
        Shared shared = SHARED.computeIfAbsent(budget, b -> {
            Cache cache = new LRUCache(b.bytes(), -1, false, HIGH_PRIORITY_SHARE);
            return new Shared(cache, new WriteBufferManager(memtables(b), cache));
        });
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(shared.writeBuffers());
        // A memtable must be small beside the budget, or a single store fills it before the manager can flush.
        options.setWriteBufferSize(Math.max(1L << 20, Math.min(MAX_MEMTABLE, memtables(budget) / 8)));
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write-buffer manager are shared with every other store: they stay open.
    }

    /** Bytes of the shared cache in use now (data, index and filter blocks, memtable reservations); 0 if none. */
    public static long usage() {
        return SHARED.values().stream().mapToLong(s -> s.cache().getUsage()).sum();
    }

    /** Bytes in use of the cache of {@code budget}, or -1 if no store has used that budget yet. */
    static long usage(ServiceConfig.StoreMemory budget) {
        Shared s = SHARED.get(budget);
        return s == null ? -1 : s.cache().getUsage();
    }

    private static long memtables(ServiceConfig.StoreMemory b) {
        return (long) (b.bytes() * b.writeBufferShare());
    }

    private static ServiceConfig.StoreMemory budget(Map<String, Object> configs) {
        Object bytes = configs.get(BYTES);
        Object share = configs.get(WRITE_BUFFER_SHARE);
        if (bytes == null || share == null) {
            return ServiceConfig.StoreMemory.DEFAULT;
        }
        return new ServiceConfig.StoreMemory(Long.parseLong(bytes.toString()), Double.parseDouble(share.toString()));
    }
}
