package io.streamcast.stream;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Everything the service keeps for one series, stored in {@link StreamcastTopology#SERIES_STORE}
 * after every batch that touched it: which model configuration it runs under, how many steps it has
 * taken, its event-time spacing (for forecast timestamps when every event is one step), the
 * engine's per-series state, the anomaly detector's state, and the forecasts not yet settled.
 */
final class SeriesState {
    private static final byte VERSION = 1;
    /**
     * Forecast steps kept for settlement: the state holds up to this many forecasts of this many
     * steps (≈ 3.5 KB at most), written with every batch, so errors of later steps are not settled.
     */
    static final int MAX_SETTLED_STEPS = 12;

    String modelKey;
    /** Steps learned so far; the step being learned gets index {@code steps + 1}. */
    long steps;
    long lastTs = Long.MIN_VALUE;
    /** Exponentially weighted spacing of event times, ms; used when the series has no fixed step. */
    double spacing = Double.NaN;
    byte[] engine;
    byte[] detector;
    /** Forecasts made at step {@code origin} for steps {@code origin + 1 .. origin + H}, oldest first. */
    final ArrayDeque<Pending> unsettled = new ArrayDeque<>();

    record Pending(long origin, double[] mean, double[] lo, double[] hi) {}

    SeriesState(String modelKey) {
        this.modelKey = modelKey;
    }

    /** Forgets the model's and the detector's state, keeping the series' step count and spacing. */
    void resetModel() {
        engine = null;
        detector = null;
        unsettled.clear();
    }

    /** Drops forecasts whose every step is at or before {@code step}. */
    void dropSettledUpTo(long step) {
        Iterator<Pending> it = unsettled.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.origin() + p.mean().length <= step) {
                it.remove();
            }
        }
    }

    /** One ByteBuffer pass: this is written for every series of every batch, so no stream per double. */
    byte[] toBytes() {
        byte[] key = modelKey.getBytes(StandardCharsets.UTF_8);
        int size = 1 + 4 + key.length + 8 + 8 + 8 + 4 + length(engine) + 4 + length(detector) + 4;
        for (Pending p : unsettled) {
            size += 8 + 4 + 24 * p.mean().length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(VERSION).putInt(key.length).put(key).putLong(steps).putLong(lastTs).putDouble(spacing);
        putBytes(b, engine);
        putBytes(b, detector);
        b.putInt(unsettled.size());
        for (Pending p : unsettled) {
            b.putLong(p.origin()).putInt(p.mean().length);
            DoubleBuffer d = b.asDoubleBuffer();
            d.put(p.mean()).put(p.lo()).put(p.hi());
            b.position(b.position() + 24 * p.mean().length);
        }
        return b.array();
    }

    static SeriesState fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalStateException("series state version " + version + ", expected " + VERSION);
        }
        SeriesState s = new SeriesState(new String(getBytes(b), StandardCharsets.UTF_8));
        s.steps = b.getLong();
        s.lastTs = b.getLong();
        s.spacing = b.getDouble();
        s.engine = getBytes(b);
        s.detector = getBytes(b);
        int n = b.getInt();
        for (int k = 0; k < n; k++) {
            long origin = b.getLong();
            int h = b.getInt();
            double[] mean = new double[h];
            double[] lo = new double[h];
            double[] hi = new double[h];
            DoubleBuffer d = b.asDoubleBuffer();
            d.get(mean).get(lo).get(hi);
            b.position(b.position() + 24 * h);
            s.unsettled.add(new Pending(origin, mean, lo, hi));
        }
        return s;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static void putBytes(ByteBuffer b, byte[] bytes) {
        b.putInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            b.put(bytes);
        }
    }

    private static byte[] getBytes(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        b.get(bytes);
        return bytes;
    }
}
