package io.streamcast.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(modelKey);
            out.writeLong(steps);
            out.writeLong(lastTs);
            out.writeDouble(spacing);
            writeBytes(out, engine);
            writeBytes(out, detector);
            out.writeInt(unsettled.size());
            for (Pending p : unsettled) {
                out.writeLong(p.origin());
                out.writeInt(p.mean().length);
                for (int i = 0; i < p.mean().length; i++) {
                    out.writeDouble(p.mean()[i]);
                    out.writeDouble(p.lo()[i]);
                    out.writeDouble(p.hi()[i]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SeriesState fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("series state version " + version + ", expected " + VERSION);
            }
            SeriesState s = new SeriesState(in.readUTF());
            s.steps = in.readLong();
            s.lastTs = in.readLong();
            s.spacing = in.readDouble();
            s.engine = readBytes(in);
            s.detector = readBytes(in);
            int n = in.readInt();
            for (int k = 0; k < n; k++) {
                long origin = in.readLong();
                int h = in.readInt();
                double[] mean = new double[h];
                double[] lo = new double[h];
                double[] hi = new double[h];
                for (int i = 0; i < h; i++) {
                    mean[i] = in.readDouble();
                    lo[i] = in.readDouble();
                    hi[i] = in.readDouble();
                }
                s.unsettled.add(new Pending(origin, mean, lo, hi));
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
