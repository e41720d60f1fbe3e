package io.streamcast.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The last {@code window} non-negative values (absolute errors) kept both in arrival order and
 * sorted, so an order statistic is O(1) to read and an update costs two binary searches and two
 * array moves — no per-update allocation. Values are stored as floats: half the state size, and
 * what is stored is exactly what is used, so a restore is bit-exact.
 */
final class RollingQuantile {
    private final float[] ring;
    private final float[] sorted;
    private int next;
    private int size;

    RollingQuantile(int window) {
        ring = new float[window];
        sorted = new float[window];
    }

    int size() {
        return size;
    }

    void add(double value) {
        float v = (float) value;
        if (size == ring.length) {
            float old = ring[next];
            int i = Arrays.binarySearch(sorted, 0, size, old);
            System.arraycopy(sorted, i + 1, sorted, i, size - i - 1);
            size--;
        }
        ring[next] = v;
        next = next + 1 == ring.length ? 0 : next + 1;
        int at = Arrays.binarySearch(sorted, 0, size, v);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = v;
        size++;
    }

    /**
     * The split-conformal quantile at level q: the ⌈(n+1)q⌉-th smallest value (the largest when that
     * rank exceeds n), 0 for q ≤ 0, NaN when empty.
     */
    double quantile(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        if (q <= 0) {
            return 0.0;
        }
        int rank = (int) Math.ceil((size + 1) * q);
        return sorted[Math.min(Math.max(rank, 1), size) - 1];
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(size);
        int start = size == ring.length ? next : 0;
        for (int k = 0; k < size; k++) {
            out.writeFloat(ring[(start + k) % ring.length]);
        }
    }

    void readFrom(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > ring.length) {
            throw new IOException("corrupt error buffer: " + n + " values for a window of " + ring.length);
        }
        next = 0;
        size = 0;
        for (int k = 0; k < n; k++) {
            add(in.readFloat());
        }
    }
}
