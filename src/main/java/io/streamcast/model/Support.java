package io.streamcast.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Respect for a series' support: a series that has never been negative gets no negative forecasts
 * or bounds. Also remembers the range seen, which models use to keep recursive forecasts bounded.
 */
final class Support {
    private long seen;
    private boolean negativeSeen;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void observe(double x) {
        seen++;
        if (x < 0) {
            negativeSeen = true;
        }
        min = Math.min(min, x);
        max = Math.max(max, x);
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    boolean nonNegative() {
        return seen > 0 && !negativeSeen;
    }

    /** Raises negative entries to 0 when the series has never been negative; NaN stays NaN. */
    void clamp(double[] values) {
        if (nonNegative()) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] < 0) {
                    values[i] = 0.0;
                }
            }
        }
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(seen);
        out.writeBoolean(negativeSeen);
        out.writeDouble(min);
        out.writeDouble(max);
    }

    static Support readFrom(DataInput in) throws IOException {
        Support s = new Support();
        s.seen = in.readLong();
        s.negativeSeen = in.readBoolean();
        s.min = in.readDouble();
        s.max = in.readDouble();
        return s;
    }
}
