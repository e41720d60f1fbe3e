package io.streamcast.stream;

import io.streamcast.model.Forecast;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The stored form of a {@link SeriesState}: a version byte, the model key, step count, last event time,
 * spacing, the engine's and the detector's bytes, the MASE scale's sums, the pending forecasts (floats) and
 * the last published forecast (doubles).
 */
final class SeriesStateCodec {
    /**
     * Version 1 kept pending forecasts as doubles; version 2 as floats; version 3 adds the series' MASE
     * scale; version 4 the last published forecast, from which the latest-forecast view is rebuilt (all
     * still read).
     */
    private static final byte VERSION = 4;
    private static final byte VERSION_MASE = 3;
    private static final byte VERSION_FLOATS = 2;
    private static final byte VERSION_DOUBLES = 1;

    private SeriesStateCodec() {}

    /** One ByteBuffer pass: this is written for every series of every batch, so no stream per double. */
    static byte[] encode(SeriesState s) {
        byte[] key = s.modelKey.getBytes(StandardCharsets.UTF_8);
        int size = 1 + 4 + key.length + 8 + 8 + 8 + 4 + length(s.engine) + 4 + length(s.detector) + 8 + 8 + 8 + 4;
        for (SeriesState.Pending p : s.unsettled) {
            size += 8 + 4 + 12 * p.mean().length;
        }
        byte[] model = s.published == null ? null : s.published.forecast().model().getBytes(StandardCharsets.UTF_8);
        size += 1 + (model == null ? 0 : 4 + model.length + 8 + 8 + 4 + 24 * s.published.forecast().horizon());
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(VERSION).putInt(key.length).put(key).putLong(s.steps).putLong(s.lastTs).putDouble(s.spacing);
        putBytes(b, s.engine);
        putBytes(b, s.detector);
        b.putDouble(s.lastValue).putDouble(s.changeSum).putLong(s.changes);
        b.putInt(s.unsettled.size());
        for (SeriesState.Pending p : s.unsettled) {
            b.putLong(p.origin()).putInt(p.mean().length);
            FloatBuffer f = b.asFloatBuffer();
            putFloats(f, p.mean());
            putFloats(f, p.lo());
            putFloats(f, p.hi());
            b.position(b.position() + 12 * p.mean().length);
        }
        b.put((byte) (s.published == null ? 0 : 1));
        if (s.published != null) {
            Forecast f = s.published.forecast();
            b.putInt(model.length).put(model).putLong(s.published.origin()).putLong(s.published.stepMs()).putInt(f.horizon());
            for (int h = 1; h <= f.horizon(); h++) {
                b.putDouble(f.mean(h)).putDouble(f.lo(h)).putDouble(f.hi(h));
            }
        }
        return b.array();
    }

    static SeriesState decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        if (version < VERSION_DOUBLES || version > VERSION) {
            throw new IllegalStateException("series state version " + version + ", expected " + VERSION_DOUBLES
                    + ".." + VERSION);
        }
        SeriesState s = new SeriesState(new String(getBytes(b), StandardCharsets.UTF_8));
        s.steps = b.getLong();
        s.lastTs = b.getLong();
        s.spacing = b.getDouble();
        s.engine = getBytes(b);
        s.detector = getBytes(b);
        if (version >= VERSION_MASE) {
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
            s.unsettled.add(new SeriesState.Pending(origin, mean, lo, hi));
        }
        if (version >= VERSION && b.get() == 1) {
            String model = new String(getBytes(b), StandardCharsets.UTF_8);
            long origin = b.getLong();
            long stepMs = b.getLong();
            int h = b.getInt();
            double[] mean = new double[h];
            double[] lo = new double[h];
            double[] hi = new double[h];
            for (int i = 0; i < h; i++) {
                mean[i] = b.getDouble();
                lo[i] = b.getDouble();
                hi[i] = b.getDouble();
            }
            s.published = new SeriesState.Published(new Forecast(model, mean, lo, hi), origin, stepMs);
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
