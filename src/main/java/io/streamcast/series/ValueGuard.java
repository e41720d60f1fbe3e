package io.streamcast.series;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The non-finite value policy of streamcast, in one place: a NaN or infinite value is skipped and
 * counted — never learned, never fatal. A model asks {@link #admit} before it learns a value, and
 * reports the counts so nothing is silently lost.
 */
public final class ValueGuard {
    private long nan;
    private long infinite;

    /** True for a finite value; otherwise counts it and returns false. */
    public boolean admit(double x) {
        if (Double.isFinite(x)) {
            return true;
        }
        if (Double.isNaN(x)) {
            nan++;
        } else {
            infinite++;
        }
        return false;
    }

    public long nanSkipped() {
        return nan;
    }

    public long infiniteSkipped() {
        return infinite;
    }

    public long skipped() {
        return nan + infinite;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(nan);
        out.writeLong(infinite);
    }

    public static ValueGuard readFrom(DataInput in) throws IOException {
        ValueGuard g = new ValueGuard();
        g.nan = in.readLong();
        g.infinite = in.readLong();
        if (g.nan < 0 || g.infinite < 0) {
            throw new IOException("corrupt value guard state: counts " + g.nan + ", " + g.infinite);
        }
        return g;
    }
}
