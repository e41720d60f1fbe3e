package io.streamcast.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resampling state of one series: its event-time watermark (largest timestamp seen), the start
 * and value of the last window emitted, and the windows still open, by start. A few dozen bytes
 * while windows close on time; stored per series in the resample store.
 */
final class ResampleState {
    static final long NONE = Long.MIN_VALUE;
    private static final byte VERSION = 1;

    long watermark = NONE;
    long lastEmittedStart = NONE;
    double lastEmittedValue = Double.NaN;
    final TreeMap<Long, Window> open = new TreeMap<>();

    /** Running aggregate of one window. */
    static final class Window {
        double sum;
        long count;
        double last;
        long lastTs = NONE;

        void add(long ts, double value) {
            sum += value;
            count++;
            if (ts >= lastTs) {
                last = value;
                lastTs = ts;
            }
        }

        double value(ServiceConfig.Aggregation aggregation) {
            return switch (aggregation) {
                case MEAN -> sum / count;
                case SUM -> sum;
                case LAST -> last;
            };
        }
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 40 * open.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(watermark);
            out.writeLong(lastEmittedStart);
            out.writeDouble(lastEmittedValue);
            out.writeInt(open.size());
            for (Map.Entry<Long, Window> e : open.entrySet()) {
                Window w = e.getValue();
                out.writeLong(e.getKey());
                out.writeDouble(w.sum);
                out.writeLong(w.count);
                out.writeDouble(w.last);
                out.writeLong(w.lastTs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ResampleState fromBytes(byte[] bytes) {
        ResampleState s = new ResampleState();
        if (bytes == null) {
            return s;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("resample state version " + version + ", expected " + VERSION);
            }
            s.watermark = in.readLong();
            s.lastEmittedStart = in.readLong();
            s.lastEmittedValue = in.readDouble();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                long start = in.readLong();
                Window w = new Window();
                w.sum = in.readDouble();
                w.count = in.readLong();
                w.last = in.readDouble();
                w.lastTs = in.readLong();
                s.open.put(start, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }
}
