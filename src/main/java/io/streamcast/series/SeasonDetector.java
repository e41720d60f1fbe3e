package io.streamcast.series;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Finds a series' seasonal periods — up to two, such as 24 and 168 for hourly data — from its own
 * recent history, and revisits them as the series grows. Nothing is configured: a period is any lag
 * m the history supports (at least three cycles of it) where the autocorrelation has a peak that
 * passes the 90 % test M4's Naive2 uses, |r_m| > 1.645·sqrt((1 + 2·Σ_{k<m} r_k²)/n), and reaches
 * {@value #MIN_ACF}.
 *
 * <p>How: the last {@code history} values are kept (as floats: the detector only needs their shape);
 * they are log-transformed when all positive (multiplicative seasons become additive) and a linear
 * trend is removed. The first period is the highest significant peak, or a divisor of it whose peak
 * is nearly as high (24 rather than its harmonic 48). The second must be a multiple of the first
 * that stands out once the first period's mean profile is removed: peaking there among the
 * neighbouring multiples (a week of 168 hours, not the 48-hour echo of a slowly changing day).
 *
 * <p>Cost: detection runs every 24 values while the history is short, then every quarter of what it
 * holds: two autocorrelations by FFT, O(n log n) each time.
 */
public final class SeasonDetector {
    /** Smallest autocorrelation a peak needs, beyond the significance test. */
    public static final double MIN_ACF = 0.2;
    /**
     * Divisor preference: a divisor's peak at least this share of the highest one becomes the first
     * period (24 rather than 168 for hourly data whose weekends differ, the week then coming second).
     */
    private static final double DIVISOR_SHARE = 0.5;
    private static final int FIRST_RUN = 24;
    private static final double Z90 = 1.645;
    private static final int[] NONE = new int[0];

    private final float[] ring;
    private final int maxPeriods;
    private int next;
    private int size;
    private long count;
    private long nextDetection;
    private int[] periods = NONE;

    /**
     * @param history    values kept; periods up to history/3 can be found
     * @param maxPeriods at most this many periods (1 or 2)
     */
    public SeasonDetector(int history, int maxPeriods) {
        if (history < 12 || history > 1 << 20) {
            throw new IllegalArgumentException("season history must be in 12.." + (1 << 20) + ", got " + history);
        }
        if (maxPeriods < 1 || maxPeriods > 2) {
            throw new IllegalArgumentException("season detector finds 1 or 2 periods, got " + maxPeriods);
        }
        this.ring = new float[history];
        this.maxPeriods = maxPeriods;
    }

    /** The periods found so far, ascending; empty when the series shows none (yet). */
    public int[] periods() {
        return periods.clone();
    }

    /** Values observed. */
    public long count() {
        return count;
    }

    /** Adds a finite value; returns true when the periods changed with it. */
    public boolean observe(double x) {
        ring[next] = (float) x;
        next = next + 1 == ring.length ? 0 : next + 1;
        size = Math.min(size + 1, ring.length);
        count++;
        if (!due()) {
            return false;
        }
        int[] found = detect(history());
        boolean changed = !Arrays.equals(found, periods);
        periods = found;
        return changed;
    }

    private boolean due() {
        if (nextDetection == 0) {
            nextDetection = FIRST_RUN;
        }
        if (count < nextDetection) {
            return false;
        }
        nextDetection = count + Math.max(FIRST_RUN, size / 4);
        return true;
    }

    /** The kept values (at most {@code history} of the latest), oldest first. */
    public double[] history() {
        double[] h = new double[size];
        int start = size < ring.length ? 0 : next;
        for (int i = 0; i < size; i++) {
            h[i] = ring[(start + i) % ring.length];
        }
        return h;
    }

    /** The periods of {@code x} (oldest first) by the rules above; exposed for tests and tools. */
    public int[] detect(double[] x) {
        int n = x.length;
        int maxLag = n / 3;
        if (maxLag < 2) {
            return NONE;
        }
        double[] d = detrended(x);
        double[] r = acf(d, maxLag + 1);
        int first = firstPeriod(r, n);
        if (first == 0) {
            return NONE;
        }
        if (maxPeriods == 1 || 2 * first > maxLag) {
            return new int[] {first};
        }
        int second = secondPeriod(d, first, maxLag);
        return second == 0 ? new int[] {first} : new int[] {first, second};
    }

    private static int firstPeriod(double[] r, int n) {
        int best = 0;
        for (int m = 2; m < r.length - 1; m++) {
            if (peak(r, m, n, 0) && (best == 0 || r[m] > r[best])) {
                best = m;
            }
        }
        if (best == 0) {
            return 0;
        }
        for (int m = 2; m < best; m++) {
            if (best % m == 0 && peak(r, m, n, tolerance(n)) && r[m] >= DIVISOR_SHARE * r[best]) {
                return m;
            }
        }
        return best;
    }

    /** A multiple of {@code first} that peaks among its neighbouring multiples once the first season is removed. */
    private static int secondPeriod(double[] d, int first, int maxLag) {
        int n = d.length;
        double[] profile = new double[first];
        int[] counts = new int[first];
        for (int i = 0; i < n; i++) {
            profile[i % first] += d[i];
            counts[i % first]++;
        }
        double[] rem = new double[n];
        for (int i = 0; i < n; i++) {
            rem[i] = d[i] - profile[i % first] / counts[i % first];
        }
        double[] r = acf(rem, maxLag + 1);
        int best = 0;
        for (int m = 2 * first; m < r.length - 1; m += first) {
            boolean standsOut = r[m] > r[m - first] && (m + first >= r.length || r[m] > r[m + first]);
            if (standsOut && peak(r, m, n, tolerance(n)) && (best == 0 || r[m] > r[best])) {
                best = m;
            }
        }
        return best;
    }

    /**
     * Sampling noise of an autocorrelation, about 1/√n: a lag whose value a neighbour beats by less
     * than this is still at the top of a broad peak (noise put the highest value at 23, not 24).
     */
    private static double tolerance(int n) {
        return 1.0 / Math.sqrt(n);
    }

    /**
     * A local maximum that reaches MIN_ACF and passes the 90 % test against Bartlett's bound. With a
     * tolerance (for a divisor of the highest peak, or a multiple of the first period: lags the
     * series' calendar already points at), the local maximum may sit one lag away as long as the
     * value at m is within {@code tol} of it.
     */
    private static boolean peak(double[] r, int m, int n, double tol) {
        int top = m;
        if (tol > 0) {
            for (int j = Math.max(1, m - 1); j <= m + 1 && j + 1 < r.length; j++) {
                if (r[j] > r[top]) {
                    top = j;
                }
            }
            if (r[m] + tol < r[top] || !peak(r, top, n, 0)) {
                return false;
            }
        }
        if (r[m] < MIN_ACF || r[top] < r[top - 1] || r[top] < r[top + 1]) {
            return false;
        }
        double sum = 1;
        for (int k = 1; k < m; k++) {
            sum += 2 * r[k] * r[k];
        }
        return r[m] > Z90 * Math.sqrt(sum / n);
    }

    /** Log when all positive, then the least-squares line removed. */
    private static double[] detrended(double[] x) {
        int n = x.length;
        boolean positive = true;
        for (double v : x) {
            positive &= v > 0;
        }
        double[] d = new double[n];
        double tMean = (n - 1) / 2.0;
        double yMean = 0;
        for (int i = 0; i < n; i++) {
            d[i] = positive ? Math.log(x[i]) : x[i];
            yMean += d[i];
        }
        yMean /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - tMean) * (d[i] - yMean);
            sxx += (i - tMean) * (i - tMean);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        for (int i = 0; i < n; i++) {
            d[i] -= yMean + slope * (i - tMean);
        }
        return d;
    }

    /** FFT plans by padded length, per thread (detection runs on whichever thread steps the series). */
    private static final ThreadLocal<java.util.Map<Integer, DoubleFFT_1D>> PLANS =
            ThreadLocal.withInitial(java.util.HashMap::new);

    /**
     * Sample autocorrelation at lags 0..maxLag (0 everywhere for a constant series), by FFT: the
     * deviations zero-padded to a power of two at least twice their length (so no lag wraps around),
     * their power spectrum transformed back — O(n log n) instead of O(n·maxLag), which made detection
     * the larger part of AR's cost per value.
     */
    private static double[] acf(double[] d, int maxLag) {
        int n = d.length;
        double[] r = new double[maxLag + 1];
        double mean = 0;
        for (double v : d) {
            mean += v;
        }
        mean /= n;
        int size = Integer.highestOneBit(Math.max(2, 2 * n - 1)) << 1;
        double[] a = new double[size];
        double var = 0;
        for (int i = 0; i < n; i++) {
            a[i] = d[i] - mean;
            var += a[i] * a[i];
        }
        if (!(var > 0)) {
            return r;
        }
        DoubleFFT_1D fft = PLANS.get().computeIfAbsent(size, DoubleFFT_1D::new);
        fft.realForward(a);
        a[0] = a[0] * a[0];
        a[1] = a[1] * a[1];
        for (int k = 1; k < size / 2; k++) {
            a[2 * k] = a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
            a[2 * k + 1] = 0;
        }
        fft.realInverse(a, true);
        for (int k = 0; k <= maxLag && k < n; k++) {
            r[k] = a[k] / a[0];
        }
        return r;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(ring.length);
        out.writeInt(size);
        out.writeInt(next);
        out.writeLong(count);
        out.writeLong(nextDetection);
        int start = size < ring.length ? 0 : next;
        for (int i = 0; i < size; i++) {
            out.writeFloat(ring[(start + i) % ring.length]);
        }
        out.writeByte(periods.length);
        for (int p : periods) {
            out.writeInt(p);
        }
    }

    /** Reads what {@link #writeTo} wrote into a detector of the same history. */
    public void readFrom(DataInput in) throws IOException {
        int capacity = in.readInt();
        if (capacity != ring.length) {
            throw new IOException("season history of " + capacity + " values, expected " + ring.length);
        }
        int n = in.readInt();
        int nx = in.readInt();
        if (n < 0 || n > capacity || nx < 0 || nx >= capacity) {
            throw new IOException("season history with " + n + " values at " + nx);
        }
        count = in.readLong();
        nextDetection = in.readLong();
        size = n;
        int start = n < capacity ? 0 : nx;
        for (int i = 0; i < n; i++) {
            ring[(start + i) % capacity] = in.readFloat();
        }
        next = nx;
        int k = in.readByte();
        if (k < 0 || k > 2) {
            throw new IOException(k + " seasonal periods");
        }
        periods = new int[k];
        for (int i = 0; i < k; i++) {
            periods[i] = in.readInt();
        }
    }
}
