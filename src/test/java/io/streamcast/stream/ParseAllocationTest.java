package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Memory stays bounded on hostile input: refusing a record allocates a small, fixed amount beyond the
 * record itself, however large the record. Measured in bytes allocated by this thread (HotSpot counts
 * them exactly; nothing here depends on time), after one warm-up call that loads the classes.
 */
class ParseAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final EventParser parser = new EventParser(ServiceConfig.ofDefaults());
    private final Source source = new Source("in", 0, 0);

    /** Bytes this thread allocates to refuse the record (the second of two calls: the first loads classes). */
    private long allocatedToRefuse(byte[] key, byte[] value, String kind) {
        long bytes = 0;
        for (int i = 0; i < 2; i++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            InvalidEventException e = assertThrows(InvalidEventException.class,
                    () -> parser.parse(key, value, null, 0, source));
            bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertEquals(kind, e.kind().code(), e.getMessage());
        }
        return bytes;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] repeat(String head, String unit, int n, String tail) {
        return utf8(head + unit.repeat(n) + tail);
    }

    @Test
    void shouldRefuseHugeRecordsWithoutAllocatingInProportionToThem() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        byte[] tenMillion = repeat("{\"series\":\"m\",\"ts\":1,\"values\":[", "1,", 10_000_000, "1]}");
        long frame = allocatedToRefuse(null, tenMillion, "too-large");
        byte[] megaKey = new byte[1 << 20];
        Arrays.fill(megaKey, (byte) 'k');
        long key = allocatedToRefuse(megaKey, utf8("{\"ts\":1,\"value\":1}"), "too-large");
        System.out.printf("allocated to refuse: 20 MB frame %d B, 1 MB key %d B%n", frame, key);
        assertTrue(frame < 16 * 1024, frame + " bytes to refuse a 20 MB frame");
        assertTrue(key < 16 * 1024, key + " bytes to refuse a 1 MB key");
    }

    @Test
    void shouldRefuseHostileRecordsUnderMaxBytesWithBoundedAllocation() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        // 200 000 samples in 400 KB: read up to max-frame (16 384), then only counted
        byte[] longFrame = repeat("{\"series\":\"m\",\"ts\":1,\"values\":[", "1,", 199_999, "1]}");
        long frame = allocatedToRefuse(null, longFrame, "invalid-value");
        long id = allocatedToRefuse(null, repeat("{\"series\":\"", "i", 400_000, "\",\"ts\":1,\"value\":1}"),
                "invalid-series");
        long key = allocatedToRefuse(repeat("", "k", 400_000, ""), utf8("{\"ts\":1,\"value\":1}"), "invalid-series");
        long nesting = allocatedToRefuse(null, repeat("{\"series\":\"m\",\"ts\":1,\"value\":1,\"x\":", "[", 200_000,
                ""), "malformed");
        long tree = treeAllocation(longFrame);
        System.out.printf("allocated to refuse (400 KB records): 200 000-sample frame %d B (a JSON tree of it: %d B),"
                + " 400 000-char id %d B, 400 KB key %d B, 200 000-deep nesting %d B%n", frame, tree, id, key, nesting);
        assertTrue(frame < 600 * 1024, frame + " bytes for a frame over max-frame"); // ≤ 2 × 16 384 doubles + buffers
        assertTrue(tree > 5 * frame, "the tree it replaced allocates " + tree + " bytes");
        assertTrue(id < 64 * 1024, id + " bytes for a 400 000-character id");
        assertTrue(key < 16 * 1024, key + " bytes for a 400 KB key");
        assertTrue(nesting < 64 * 1024, nesting + " bytes for nesting 200 000 deep");
    }

    private static long treeAllocation(byte[] record) {
        ObjectMapper m = new ObjectMapper();
        long bytes = 0;
        for (int i = 0; i < 2; i++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                m.readTree(record);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
        }
        return bytes;
    }
}
