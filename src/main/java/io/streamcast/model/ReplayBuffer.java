package io.streamcast.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Bounded ring of fixed-width training rows (inputs then targets, already normalised; kept as
 * floats, which halves the memory of a buffer that matters for nothing finer) shared by all
 * series of one network. A minibatch mixes the newest rows, so the network follows the stream,
 * with uniformly drawn older rows, so it does not forget series that were quiet lately.
 */
final class ReplayBuffer {
    private final int width;
    private final int capacity;
    private final float[] rows;
    private int size;
    private int next;

    ReplayBuffer(int capacity, int width) {
        if (capacity < 1 || width < 1) {
            throw new IllegalArgumentException("replay buffer needs capacity and width >= 1, got " + capacity
                    + " x " + width);
        }
        this.capacity = capacity;
        this.width = width;
        this.rows = new float[Math.multiplyExact(capacity, width)];
    }

    int size() {
        return size;
    }

    int width() {
        return width;
    }

    /** Copies {@code width} values from {@code row}; the oldest row is dropped when full. */
    void add(double[] row) {
        int at = next * width;
        for (int j = 0; j < width; j++) {
            rows[at + j] = (float) row[j];
        }
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /**
     * Fills {@code out} (count × width) with the newest {@code count / 2} rows and {@code count − count / 2}
     * rows drawn uniformly with {@code rng}. Requires a non-empty buffer.
     */
    void sample(int count, SplitMix64 rng, double[] out) {
        int newest = Math.min(count / 2, size);
        for (int i = 0; i < count; i++) {
            int age = i < newest ? i : rng.nextInt(size);
            int slot = Math.floorMod(next - 1 - age, capacity);
            for (int j = 0; j < width; j++) {
                out[i * width + j] = rows[slot * width + j];
            }
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(capacity);
        out.writeInt(width);
        out.writeInt(size);
        out.writeInt(next);
        for (int i = 0; i < size; i++) {
            int slot = Math.floorMod(next - size + i, capacity);
            for (int j = 0; j < width; j++) {
                out.writeFloat(rows[slot * width + j]);
            }
        }
    }

    void read(DataInputStream in) throws IOException {
        int c = in.readInt();
        int w = in.readInt();
        if (c != capacity || w != width) {
            throw new IllegalArgumentException("replay buffer state is " + c + " x " + w + " but this engine has "
                    + capacity + " x " + width + ": saved by a differently configured engine");
        }
        size = in.readInt();
        next = in.readInt();
        for (int i = 0; i < size; i++) {
            int slot = Math.floorMod(next - size + i, capacity);
            for (int j = 0; j < width; j++) {
                rows[slot * width + j] = in.readFloat();
            }
        }
    }
}
