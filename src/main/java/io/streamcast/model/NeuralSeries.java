package io.streamcast.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The local part of one series in a shared-network engine: its scaler (Welford mean and variance,
 * so series of any magnitude reach the network near unit scale), its recent raw values, the
 * one-step forecast awaiting the next value, the recent scaled one-step residuals behind its
 * interval, and the recurrent state of the network for this series (empty for the MLP).
 * A few hundred bytes to ~2 KB.
 */
final class NeuralSeries {
    static final int RESIDUALS = 64;

    final String id;
    private long count;
    private double mean;
    private double m2;
    private final double[] recent;
    private int recentSize;
    private int recentNext;
    double pending = Double.NaN;
    private final double[] residuals = new double[RESIDUALS];
    private int residualSize;
    private int residualNext;
    long skipped;
    /** Recurrent state (h and c per layer), valid only while {@link #netVersion} is the engine's version. */
    final double[] netState;
    long netVersion = -1;
    Forecast last;

    NeuralSeries(String id, int keep, int netStateSize) {
        this.id = id;
        this.recent = new double[keep];
        this.netState = new double[netStateSize];
    }

    long count() {
        return count;
    }

    int available() {
        return recentSize;
    }

    /** Scale of the series: its standard deviation, or 1 while it has none yet. */
    double scale() {
        double sd = count > 1 ? Math.sqrt(m2 / (count - 1)) : 0;
        return sd > 0 && Double.isFinite(sd) ? sd : 1.0;
    }

    double scaled(double raw) {
        return (raw - mean) / scale();
    }

    double unscaled(double z) {
        return mean + z * scale();
    }

    void learn(double x) {
        if (Double.isFinite(pending)) {
            residuals[residualNext] = Math.abs(x - pending) / scale();
            residualNext = (residualNext + 1) % RESIDUALS;
            residualSize = Math.min(residualSize + 1, RESIDUALS);
        }
        count++;
        double d = x - mean;
        mean += d / count;
        m2 += d * (x - mean);
        recent[recentNext] = x;
        recentNext = (recentNext + 1) % recent.length;
        recentSize = Math.min(recentSize + 1, recent.length);
    }

    /** The k-th most recent raw value, 0 = latest. */
    double back(int k) {
        return recent[Math.floorMod(recentNext - 1 - k, recent.length)];
    }

    /** Writes the last {@code n} values scaled, oldest first, ending {@code skip} values before the latest. */
    void scaledWindow(int n, int skip, double[] out, int offset) {
        for (int i = 0; i < n; i++) {
            out[offset + i] = scaled(back(skip + n - 1 - i));
        }
    }

    /**
     * Half-width of the 90 % split-conformal band of one-step errors in scaled units, widened by
     * √h for step h (a random-walk growth assumption); NaN until 8 residuals are settled.
     */
    double halfWidth(int step) {
        if (residualSize < 8) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(residuals, residualSize);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.9 * (residualSize + 1)) - 1;
        double q = sorted[Math.min(rank, residualSize - 1)];
        return q * Math.sqrt(step) * scale();
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 8 * (recent.length + RESIDUALS + netState.length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(recent.length);
            out.writeInt(netState.length);
            out.writeLong(count);
            out.writeDouble(mean);
            out.writeDouble(m2);
            out.writeInt(recentSize);
            out.writeInt(recentNext);
            for (double v : recent) {
                out.writeDouble(v);
            }
            out.writeDouble(pending);
            out.writeInt(residualSize);
            out.writeInt(residualNext);
            for (double v : residuals) {
                out.writeDouble(v);
            }
            out.writeLong(skipped);
            out.writeLong(netVersion);
            for (double v : netState) {
                out.writeDouble(v);
            }
            out.writeBoolean(last != null);
            if (last != null) {
                out.writeInt(last.horizon());
                for (int h = 1; h <= last.horizon(); h++) {
                    out.writeDouble(last.mean(h));
                    out.writeDouble(last.lo(h));
                    out.writeDouble(last.hi(h));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static NeuralSeries fromBytes(String id, byte[] state, int keep, int netStateSize, String model) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int k = in.readInt();
            int n = in.readInt();
            if (k != keep || n != netStateSize) {
                throw new IllegalArgumentException("state of series " + id + " holds " + k + " values and " + n
                        + " network numbers but this " + model + " engine keeps " + keep + " and " + netStateSize
                        + ": saved by a differently configured engine");
            }
            NeuralSeries s = new NeuralSeries(id, keep, netStateSize);
            s.count = in.readLong();
            s.mean = in.readDouble();
            s.m2 = in.readDouble();
            s.recentSize = in.readInt();
            s.recentNext = in.readInt();
            for (int i = 0; i < keep; i++) {
                s.recent[i] = in.readDouble();
            }
            s.pending = in.readDouble();
            s.residualSize = in.readInt();
            s.residualNext = in.readInt();
            for (int i = 0; i < RESIDUALS; i++) {
                s.residuals[i] = in.readDouble();
            }
            s.skipped = in.readLong();
            s.netVersion = in.readLong();
            for (int i = 0; i < netStateSize; i++) {
                s.netState[i] = in.readDouble();
            }
            if (in.readBoolean()) {
                int h = in.readInt();
                double[] m = new double[h];
                double[] lo = new double[h];
                double[] hi = new double[h];
                for (int i = 0; i < h; i++) {
                    m[i] = in.readDouble();
                    lo[i] = in.readDouble();
                    hi[i] = in.readDouble();
                }
                s.last = new Forecast(model, m, lo, hi);
            }
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("state of series " + id + " is truncated or corrupt ("
                    + state.length + " bytes): " + e, e);
        }
    }
}
