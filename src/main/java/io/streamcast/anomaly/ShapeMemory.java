package io.streamcast.anomaly;

import java.nio.ByteBuffer;

/**
 * How unlike the recent past the last window of a series is. The window — {@code segments} segments of
 * {@code rows} observations, a season when the detector knows one — is summarised by its segment means.
 * Every time a segment completes, that summary is compared with the summaries stored at the ends of the
 * last {@code capacity} segments, less the ones overlapping the current window; the distance to the
 * nearest (root mean square over the segments, in units of the series' scale) is the novelty. Then the
 * summary is stored in place of the oldest.
 *
 * <p>Summaries are kept as one byte per segment on a per-series grid: a centre (the first summary's last
 * segment) and a unit (an eighth of the series' scale at that time) that only ever doubles — when a
 * summary falls off the grid, the stored codes are halved with it. The state is
 * {@code capacity × segments} bytes plus {@code 4·segments + 32}: 2 080 bytes with 256 summaries of 8.
 * No allocation per observation; a search costs {@code capacity × segments} multiply-adds once per segment.
 */
final class ShapeMemory {

    private static final int LIMIT = 127;

    private final int segments;
    private final int rows;
    private final int capacity;
    private final byte[] codes;
    private final float[] window;
    private final float[] query;

    private int filled;
    private int partial;
    private double sum;
    private int head;
    private int stored;
    private float centre;
    private float unit;
    // the window last compared and its nearest summary, for the reason
    private double currentMean;
    private double nearestMean;

    ShapeMemory(int segments, int rows, int capacity) {
        if (segments < 1 || rows < 1 || capacity <= segments) {
            throw new IllegalArgumentException("shape memory: " + capacity + " summaries of " + segments
                    + " segments of " + rows + " observations");
        }
        this.segments = segments;
        this.rows = rows;
        this.capacity = capacity;
        this.codes = new byte[capacity * segments];
        this.window = new float[segments];
        this.query = new float[segments];
    }

    int rows() {
        return rows;
    }

    int capacity() {
        return capacity;
    }

    /** The window's length in observations. */
    int length() {
        return rows * segments;
    }

    /**
     * Learns {@code value}; when it completes a segment and the memory holds summaries older than the
     * current window, returns the distance of the current window's summary to the nearest of them, in
     * units of {@code scale} (the series' standard deviation); otherwise NaN.
     */
    double observe(double value, double scale) {
        sum += value;
        if (++partial < rows) {
            return Double.NaN;
        }
        float mean = (float) (sum / rows);
        sum = 0;
        partial = 0;
        System.arraycopy(window, 1, window, 0, segments - 1);
        window[segments - 1] = mean;
        if (filled < segments) {
            filled++;
            if (filled < segments) {
                return Double.NaN;
            }
        }
        if (unit == 0) {
            centre = mean;
            unit = (float) Math.max(scale / 8, 1e-12 + 1e-9 * Math.abs(centre));
        }
        double novelty = nearest(scale);
        store();
        return novelty;
    }

    /** The mean of the window last compared. */
    double currentMean() {
        return currentMean;
    }

    /** The mean of its nearest summary in memory. */
    double nearestMean() {
        return nearestMean;
    }

    private double nearest(double scale) {
        int searchable = stored - segments;
        if (searchable < 1) {
            return Double.NaN;
        }
        double mq = 0;
        for (int j = 0; j < segments; j++) {
            query[j] = (window[j] - centre) / unit;
            mq += query[j];
        }
        double best = Double.POSITIVE_INFINITY;
        int nearest = -1;
        // the newest `segments` summaries overlap the current window: skip them, newest first after that
        int idx = head - segments - 1;
        for (int c = 0; c < searchable; c++, idx--) {
            if (idx < 0) {
                idx += capacity;
            }
            int o = idx * segments;
            double d = 0;
            for (int j = 0; j < segments && d < best; j++) {
                double e = query[j] - codes[o + j];
                d += e * e;
            }
            if (d < best) {
                best = d;
                nearest = idx;
            }
        }
        double mn = 0;
        for (int j = 0; j < segments; j++) {
            mn += codes[nearest * segments + j];
        }
        currentMean = centre + mq / segments * unit;
        nearestMean = centre + mn / segments * unit;
        return Math.sqrt(best / segments) * unit / Math.max(scale, Double.MIN_NORMAL);
    }

    private void store() {
        double worst = 0;
        for (int j = 0; j < segments; j++) {
            worst = Math.max(worst, Math.abs((window[j] - centre) / unit));
        }
        while (worst > LIMIT) {
            unit *= 2;
            worst /= 2;
            for (int i = 0; i < codes.length; i++) {
                codes[i] = (byte) Math.round(codes[i] / 2.0f);
            }
        }
        int o = head * segments;
        for (int j = 0; j < segments; j++) {
            codes[o + j] = (byte) Math.round((window[j] - centre) / unit);
        }
        head = (head + 1) % capacity;
        if (stored < capacity) {
            stored++;
        }
    }

    /** Bytes {@link #write} writes. */
    int bytes() {
        return 4 * 4 + 8 + 2 * 4 + 4 * segments + codes.length;
    }

    void write(ByteBuffer b) {
        b.putInt(filled).putInt(partial).putInt(head).putInt(stored).putDouble(sum).putFloat(centre).putFloat(unit);
        for (float f : window) {
            b.putFloat(f);
        }
        b.put(codes);
    }

    void read(ByteBuffer b) {
        filled = b.getInt();
        partial = b.getInt();
        head = b.getInt();
        stored = b.getInt();
        sum = b.getDouble();
        centre = b.getFloat();
        unit = b.getFloat();
        for (int j = 0; j < segments; j++) {
            window[j] = b.getFloat();
        }
        b.get(codes);
        if (filled < 0 || filled > segments || partial < 0 || partial >= rows || head < 0 || head >= capacity
                || stored < 0 || stored > capacity || !(unit >= 0)) {
            throw new IllegalArgumentException("anomaly detector state: corrupt shape memory (filled " + filled
                    + ", partial " + partial + ", head " + head + ", stored " + stored + ", unit " + unit + ")");
        }
    }
}
