package io.streamcast.stream;

import io.streamcast.series.Observation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the task's replay log: a call into a shared engine since its last checkpoint — the
 * series evicted before it (gap resets) and the batch of observations it stepped, in order.
 *
 * <p>Stored as a version byte ({@value #VERSION}), then the model key, the evicted series and the batch.
 * Version 1 had no version byte and began with the model key's two-byte length, whose first byte is 0
 * for every key shorter than 256 bytes (model keys are some 20–60): a first byte of 0 is read as
 * version 1, so logs written before the version byte still replay.
 */
record CheckpointLog(String modelKey, List<String> evicted, List<Observation> batch) {
    static final byte VERSION = 2;
    private static final byte UNVERSIONED = 0;

    CheckpointLog {
        evicted = List.copyOf(evicted);
        batch = List.copyOf(batch);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 32 * batch.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(modelKey);
            out.writeInt(evicted.size());
            for (String s : evicted) {
                out.writeUTF(s);
            }
            out.writeInt(batch.size());
            for (Observation o : batch) {
                out.writeUTF(o.series());
                out.writeLong(o.timestamp());
                out.writeDouble(o.value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static CheckpointLog fromBytes(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != VERSION && bytes[0] != UNVERSIONED) {
            throw new IllegalStateException("checkpoint log entry version " + (bytes.length == 0 ? "missing" : bytes[0])
                    + ", expected 1 (no version byte) or " + VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (bytes[0] == VERSION) {
                in.readByte();
            }
            String key = in.readUTF();
            int ne = in.readInt();
            List<String> evicted = new ArrayList<>(ne);
            for (int i = 0; i < ne; i++) {
                evicted.add(in.readUTF());
            }
            int n = in.readInt();
            List<Observation> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(new Observation(in.readUTF(), in.readLong(), in.readDouble()));
            }
            return new CheckpointLog(key, evicted, batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
