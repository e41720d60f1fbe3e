package io.streamcast.series;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The generator of the shipped recording {@code src/main/resources/recordings/seasonal-100.csv}:
 * 100 seasonal series in wide format, deterministic for a seed. Each series has a positive level,
 * a linear trend (between −0.05 % and +0.2 % of the level per step), a daily-like season of period 24
 * (a fundamental and a second harmonic, 10–30 % of the level, random phase) and Gaussian noise
 * (10–30 % of the seasonal amplitude). Lengths differ (14–20 seasons), so rows are ragged. Values
 * carry three decimals. Regenerate with
 * {@code java -cp 'target/streamcast.jar:target/lib/*' io.streamcast.series.SeasonalRecording FILE}.
 */
public final class SeasonalRecording {
    public static final long SEED = 20261123L;
    public static final int SERIES = 100;
    public static final int PERIOD = 24;

    private SeasonalRecording() {}

    /** The recording as CSV text: header {@code id,v1..vN}, then rows {@code s000,...} padded to N. */
    public static String csv(int series, int period, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] rows = new double[series][];
        int longest = 0;
        for (int i = 0; i < series; i++) {
            int n = period * (14 + rnd.nextInt(7));
            double level = 50 + 100 * rnd.nextDouble();
            double trend = level * (-0.0005 + 0.0025 * rnd.nextDouble());
            double amp = level * (0.1 + 0.2 * rnd.nextDouble());
            double phase = 2 * Math.PI * rnd.nextDouble();
            double noise = amp * (0.1 + 0.2 * rnd.nextDouble());
            double[] y = new double[n];
            for (int t = 0; t < n; t++) {
                double w = 2 * Math.PI * t / period + phase;
                y[t] = level + trend * t + amp * (Math.sin(w) + 0.3 * Math.sin(2 * w)) + noise * rnd.nextGaussian();
            }
            rows[i] = y;
            longest = Math.max(longest, n);
        }
        StringBuilder sb = new StringBuilder(series * longest * 8);
        sb.append("id");
        for (int t = 1; t <= longest; t++) {
            sb.append(",v").append(t);
        }
        sb.append('\n');
        for (int i = 0; i < series; i++) {
            sb.append(String.format(Locale.ROOT, "s%03d", i));
            for (int t = 0; t < longest; t++) {
                sb.append(',');
                if (t < rows[i].length) {
                    sb.append(String.format(Locale.ROOT, "%.3f", rows[i][t]));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SeasonalRecording FILE");
            System.exit(2);
        }
        Files.writeString(Path.of(args[0]), csv(SERIES, PERIOD, SEED), StandardCharsets.UTF_8);
    }
}
