package io.streamcast.series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Features of one audio frame (e.g. 160 samples = 10 ms at 16 kHz), in the order of {@link #names()}:
 * <ul>
 *   <li>{@code rms} — root mean square of the raw samples (silence → 0);
 *   <li>{@code zcr} — zero-crossing rate: sign changes between neighbouring samples divided by
 *       {@code n - 1} (a zero counts as positive), so a tone of f Hz gives about {@code 2f / sampleRate};
 *   <li>{@code centroid} — spectral centroid in Hz: the magnitude-weighted mean frequency of the
 *       one-sided spectrum of the Hann-windowed frame (0 when the frame has no energy);
 *   <li>{@code band_LO_HI} — energy (mean square) between LO and HI Hz, from the power spectrum of the
 *       Hann-windowed frame divided by the window's mean square, so for a tone of amplitude A the
 *       band holding it reads ≈ A²/2 and the bands together add up to ≈ rms².
 * </ul>
 * The FFT is JTransforms'. Frames of any length ≥ 2 are accepted; a plan and window per length are
 * cached, so an instance is not thread-safe: one per thread (a stream task owns its own).
 * Knows nothing of Kafka.
 */
public final class AudioFeatures {

    /** Bands for 16 kHz speech-like audio: low, voice fundamentals, formants, sibilants. */
    private static final double[] DEFAULT_EDGES_HZ = {0, 500, 1000, 2000, 4000, 8000};

    private static final int MAX_PLANS = 8;

    private final int sampleRate;
    private final double[] edges;
    private final List<String> names;
    private final Map<Integer, Plan> plans = new HashMap<>();

    /** One FFT plan, its Hann window and the window's mean square, for one frame length. */
    private record Plan(DoubleFFT_1D fft, double[] window, double windowPower, double[] scratch) {
    }

    /**
     * @param sampleRate samples per second of the frames, ≥ 1
     * @param bandEdgesHz ascending edges from ≥ 0; {@code k} edges make {@code k - 1} bands; the last band
     *     also holds the Nyquist bin
     */
    public AudioFeatures(int sampleRate, double... bandEdgesHz) {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("audio sample rate must be at least 1 Hz, got " + sampleRate);
        }
        if (bandEdgesHz.length < 2) {
            throw new IllegalArgumentException("audio bands need at least 2 edges, got " + Arrays.toString(bandEdgesHz));
        }
        for (int i = 0; i < bandEdgesHz.length; i++) {
            if (!Double.isFinite(bandEdgesHz[i]) || bandEdgesHz[i] < 0 || (i > 0 && bandEdgesHz[i] <= bandEdgesHz[i - 1])) {
                throw new IllegalArgumentException("audio band edges must be finite, ≥ 0 and strictly ascending, got "
                        + Arrays.toString(bandEdgesHz));
            }
        }
        this.sampleRate = sampleRate;
        this.edges = bandEdgesHz.clone();
        List<String> n = new ArrayList<>(List.of("rms", "zcr", "centroid"));
        for (int b = 0; b + 1 < edges.length; b++) {
            n.add("band_" + hz(edges[b]) + "_" + hz(edges[b + 1]));
        }
        this.names = List.copyOf(n);
    }

    /** 16 kHz with bands 0–500–1000–2000–4000–8000 Hz. */
    public static AudioFeatures of16kHz() {
        return new AudioFeatures(16_000, DEFAULT_EDGES_HZ);
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Feature names, in the order of {@link #compute}: rms, zcr, centroid, then one per band. */
    public List<String> names() {
        return names;
    }

    /**
     * The sub-series id of feature {@code i} of a frame series: {@code mic-1} → {@code mic-1/rms},
     * {@code mic-1/centroid}, {@code mic-1/band_0_500}, ... — how a frame becomes scalar series that
     * the per-series models forecast and score.
     */
    public String subSeries(String series, int i) {
        return series + "/" + names.get(i);
    }

    /** The feature vector of one frame; {@code frame} is not modified. */
    public double[] compute(double[] frame) {
        if (frame.length < 2) {
            throw new IllegalArgumentException("an audio frame needs at least 2 samples, got " + frame.length);
        }
        double sumSquares = 0;
        int crossings = 0;
        for (int i = 0; i < frame.length; i++) {
            double x = frame[i];
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("audio frame sample " + i + " is not finite: " + x);
            }
            sumSquares += x * x;
            if (i > 0 && (x >= 0) != (frame[i - 1] >= 0)) {
                crossings++;
            }
        }
        double[] out = new double[names.size()];
        out[0] = Math.sqrt(sumSquares / frame.length);
        out[1] = (double) crossings / (frame.length - 1);
        spectrum(frame, out);
        return out;
    }

    /** Fills the centroid (out[2]) and band energies (out[3..]) from the windowed frame's spectrum. */
    private void spectrum(double[] frame, double[] out) {
        int n = frame.length;
        Plan plan = plans.get(n);
        if (plan == null) {
            if (plans.size() >= MAX_PLANS) {
                plans.clear(); // frame lengths should be few; bound the cache against input that varies them
            }
            plan = plan(n);
            plans.put(n, plan);
        }
        double[] a = plan.scratch();
        for (int i = 0; i < n; i++) {
            a[i] = frame[i] * plan.window()[i];
        }
        Arrays.fill(a, n, a.length, 0);
        plan.fft().realForwardFull(a); // a[2k], a[2k+1] = Re, Im of bin k, k = 0..n-1
        double binHz = (double) sampleRate / n;
        double weighted = 0;
        double magnitudes = 0;
        double norm = (double) n * n * plan.windowPower();
        for (int k = 0; k <= n / 2; k++) {
            double re = a[2 * k];
            double im = a[2 * k + 1];
            double power = re * re + im * im;
            double magnitude = Math.sqrt(power);
            double f = k * binHz;
            weighted += f * magnitude;
            magnitudes += magnitude;
            boolean mirrored = k > 0 && !(n % 2 == 0 && k == n / 2); // one-sided: count the negative bin too
            int band = band(f);
            if (band >= 0) {
                out[3 + band] += (mirrored ? 2 : 1) * power / norm;
            }
        }
        out[2] = magnitudes > 0 ? weighted / magnitudes : 0;
    }

    private int band(double f) {
        int last = edges.length - 2;
        for (int b = 0; b <= last; b++) {
            if (f >= edges[b] && (f < edges[b + 1] || (b == last && f <= edges[b + 1]))) {
                return b;
            }
        }
        return -1;
    }

    private static Plan plan(int n) {
        double[] w = new double[n];
        double power = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n); // periodic Hann: exact power for bin-centred tones
            power += w[i] * w[i];
        }
        return new Plan(new DoubleFFT_1D(n), w, power / n, new double[2 * n]);
    }

    private static String hz(double f) {
        return f == Math.rint(f) ? Long.toString((long) f) : String.format(Locale.ROOT, "%.1f", f);
    }
}
