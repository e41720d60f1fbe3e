package io.streamcast.stream;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
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
    /**
     * Version 1 kept pending forecasts as doubles; version 2 as floats; version 3 adds the series' MASE
     * scale (all still read).
     */
    private static final byte VERSION = 3;
    private static final byte VERSION_FLOATS = 2;
    private static final byte VERSION_DOUBLES = 1;
    /**
     * Forecast steps kept for settlement: the state holds up to this many forecasts of this many
     * steps (≈ 1.7 KB at most), written with every batch, so errors of later steps are not settled.
     * They are written as floats: they only feed the error and coverage meters, where float
     * precision (7 digits) is plenty, and at H = 10 they were 2.5 KB of a 6.8 KB record written to
     * RocksDB and its changelog on every event (bench, issue 7).
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
    /** The last value settled against, and the sum and count of the absolute one-step changes so far. */
    double lastValue = Double.NaN;
    double changeSum;
    long changes;
    /** Forecasts made at step {@code origin} for steps {@code origin + 1 .. origin + H}, oldest first. */
    final ArrayDeque<Pending> unsettled = new ArrayDeque<>();

    record Pending(long origin, double[] mean, double[] lo, double[] hi) {}

    SeriesState(String modelKey) {
        this.modelKey = modelKey;
    }

    /** The series' mean absolute one-step change so far (MASE's scale); 0 before two values. */
    double maseScale() {
        return changes == 0 ? 0 : changeSum / changes;
    }

    /** Counts a value into the MASE scale. */
    void observeForScale(double value) {
        if (Double.isFinite(lastValue)) {
            changeSum += Math.abs(value - lastValue);
            changes++;
        }
        lastValue = value;
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
        int size = 1 + 4 + key.length + 8 + 8 + 8 + 4 + length(engine) + 4 + length(detector) + 8 + 8 + 8 + 4;
        for (Pending p : unsettled) {
            size += 8 + 4 + 12 * p.mean().length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(VERSION).putInt(key.length).put(key).putLong(steps).putLong(lastTs).putDouble(spacing);
        putBytes(b, engine);
        putBytes(b, detector);
        b.putDouble(lastValue).putDouble(changeSum).putLong(changes);
        b.putInt(unsettled.size());
        for (Pending p : unsettled) {
            b.putLong(p.origin()).putInt(p.mean().length);
            FloatBuffer f = b.asFloatBuffer();
            putFloats(f, p.mean());
            putFloats(f, p.lo());
            putFloats(f, p.hi());
            b.position(b.position() + 12 * p.mean().length);
        }
        return b.array();
    }

    static SeriesState fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        if (version != VERSION && version != VERSION_FLOATS && version != VERSION_DOUBLES) {
            throw new IllegalStateException("series state version " + version + ", expected " + VERSION_DOUBLES
                    + ".." + VERSION);
        }
        SeriesState s = new SeriesState(new String(getBytes(b), StandardCharsets.UTF_8));
        s.steps = b.getLong();
        s.lastTs = b.getLong();
        s.spacing = b.getDouble();
        s.engine = getBytes(b);
        s.detector = getBytes(b);
        if (version == VERSION) {
            s.lastValue = b.getDouble();
            s.changeSum = b.getDouble();
            s.changes = b.getLong();
        }
        int n = b.getInt();
        for (int k = 0; k < n; k++) {
            long origin = b.getLong();
            int h = b.getInt();
            double[] mean = new double[h];
            double[] lo = new double[h];
            double[] hi = new double[h];
            if (version == VERSION_DOUBLES) {
                DoubleBuffer d = b.asDoubleBuffer();
                d.get(mean).get(lo).get(hi);
                b.position(b.position() + 24 * h);
            } else {
                FloatBuffer f = b.asFloatBuffer();
                getFloats(f, mean);
                getFloats(f, lo);
                getFloats(f, hi);
                b.position(b.position() + 12 * h);
            }
            s.unsettled.add(new Pending(origin, mean, lo, hi));
        }
        return s;
    }

    private static void putFloats(FloatBuffer f, double[] values) {
        for (double v : values) {
            f.put((float) v);
        }
    }

    private static void getFloats(FloatBuffer f, double[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = f.get();
        }
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
