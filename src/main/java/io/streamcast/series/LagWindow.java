package io.streamcast.series;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The last {@code capacity} values of a series in a ring buffer: O(1) push, lag access without
 * copying. Lag 1 is the newest value. Values are stored as given; callers filter non-finite ones.
 */
public final class LagWindow {
    private final double[] ring;
    private int next;
    private int size;

    public LagWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("lag window capacity must be at least 1, got " + capacity);
        }
        ring = new double[capacity];
    }

    public LagWindow(LagWindow other) {
        ring = other.ring.clone();
        next = other.next;
        size = other.size;
    }

    public void push(double x) {
        ring[next] = x;
        next = next + 1 == ring.length ? 0 : next + 1;
        if (size < ring.length) {
            size++;
        }
    }

    /** The value {@code lag} steps back: lag 1 is the newest; lag must be in 1..size(). */
    public double lag(int lag) {
        if (lag < 1 || lag > size) {
            throw new IndexOutOfBoundsException("lag " + lag + " outside 1.." + size);
        }
        int i = next - lag;
        return ring[i < 0 ? i + ring.length : i];
    }

    /** Replaces the value {@code lag} steps back (lag 1 is the newest); lag must be in 1..size(). */
    public void set(int lag, double x) {
        if (lag < 1 || lag > size) {
            throw new IndexOutOfBoundsException("lag " + lag + " outside 1.." + size);
        }
        int i = next - lag;
        ring[i < 0 ? i + ring.length : i] = x;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    public boolean isFull() {
        return size == ring.length;
    }

    /** Copies the values, oldest first, into {@code dest} starting at {@code offset}; returns size(). */
    public int copyInto(double[] dest, int offset) {
        for (int k = 0; k < size; k++) {
            dest[offset + k] = lag(size - k);
        }
        return size;
    }

    /** The values, oldest first. */
    public double[] toArray() {
        double[] out = new double[size];
        copyInto(out, 0);
        return out;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(ring.length);
        out.writeInt(size);
        for (int k = size; k >= 1; k--) {
            out.writeDouble(lag(k));
        }
    }

    public static LagWindow readFrom(DataInput in) throws IOException {
        int capacity = in.readInt();
        int size = in.readInt();
        if (capacity < 1 || capacity > 1 << 24 || size < 0 || size > capacity) {
            throw new IOException("corrupt lag window state: capacity " + capacity + ", size " + size);
        }
        LagWindow w = new LagWindow(capacity);
        for (int k = 0; k < size; k++) {
            w.push(in.readDouble());
        }
        return w;
    }
}
