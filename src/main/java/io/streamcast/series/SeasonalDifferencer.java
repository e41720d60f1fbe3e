package io.streamcast.series;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Seasonal differencing d(t) = x(t) − x(t − S) and its inverse for forecasts: a model learns the
 * differences and the differencer integrates its forecast differences back to levels, using the
 * known values of the last season and, beyond it, the forecast levels themselves.
 */
public final class SeasonalDifferencer {
    private final int season;
    private final LagWindow last;

    public SeasonalDifferencer(int season) {
        if (season < 1) {
            throw new IllegalArgumentException("season must be at least 1, got " + season);
        }
        this.season = season;
        this.last = new LagWindow(season);
    }

    private SeasonalDifferencer(int season, LagWindow last) {
        this.season = season;
        this.last = last;
    }

    public int season() {
        return season;
    }

    /** True once a full season has been seen, so {@link #difference} gives a value. */
    public boolean ready() {
        return last.isFull();
    }

    /** Records x and returns x − x(t − S), or NaN during the first season. */
    public double difference(double x) {
        double d = last.isFull() ? x - last.lag(season) : Double.NaN;
        last.push(x);
        return d;
    }

    /**
     * Turns forecast differences for steps 1..H into levels, in place. Requires {@link #ready()}.
     */
    public void integrate(double[] differences) {
        if (!ready()) {
            throw new IllegalStateException("cannot integrate before a full season of " + season + " values");
        }
        for (int h = 1; h <= differences.length; h++) {
            double base = h <= season ? last.lag(season - h + 1) : differences[h - season - 1];
            differences[h - 1] += base;
        }
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(season);
        last.writeTo(out);
    }

    public static SeasonalDifferencer readFrom(DataInput in) throws IOException {
        int season = in.readInt();
        LagWindow w = LagWindow.readFrom(in);
        if (season < 1 || w.capacity() != season) {
            throw new IOException("corrupt differencer state: season " + season + ", window " + w.capacity());
        }
        return new SeasonalDifferencer(season, w);
    }
}
