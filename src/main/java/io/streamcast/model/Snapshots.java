package io.streamcast.model;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writing state to bytes and reading it back, with corrupt input reported by what it was meant to be. */
final class Snapshots {
    private Snapshots() {}

    interface Writer {
        void write(DataOutput out) throws IOException;
    }

    interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    static byte[] write(Writer w) {
        ByteSink out = new ByteSink(256);
        try {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail (but a too long string does)
        }
        return out.toByteArray();
    }

    /** Reads the whole array; a short, long or inconsistent array is an IllegalArgumentException naming {@code what}. */
    static <T> T read(byte[] state, String what, Reader<T> r) {
        if (state == null || state.length == 0) {
            throw new IllegalArgumentException("no " + what + " state to restore (null or empty bytes)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            T t = r.read(in);
            if (in.available() > 0) {
                throw new IOException(in.available() + " trailing bytes");
            }
            return t;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt " + what + " state (" + state.length + " bytes): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * Checks a tag written by the same model — the current one or an older format it still reads — and
     * returns it; a foreign or unknown tag is an IOException naming both.
     */
    static String expectTag(DataInput in, String tag, String... older) throws IOException {
        String got = in.readUTF();
        if (got.equals(tag) || java.util.Arrays.asList(older).contains(got)) {
            return got;
        }
        throw new IOException("expected state of '" + tag + "'" + (older.length == 0 ? "" : " (or the older "
                + String.join(", ", older) + ")") + " but found '" + got + "'");
    }

    /** Checks a tag written by the same model, so state of one model is never loaded into another. */
    static void expectTag(DataInput in, String tag) throws IOException {
        String got = in.readUTF();
        if (!got.equals(tag)) {
            throw new IOException("expected state of '" + tag + "' but found '" + got + "'");
        }
    }
}
