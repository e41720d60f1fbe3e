package io.streamcast.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates the synthetic recordings shipped in {@code src/main/resources/recordings/}: a price
 * series (geometric Brownian motion) and an audio-frame series (a tone in noise with one click).
 * Deterministic for a seed; a test checks that the shipped files are exactly what this writes.
 * Regenerate with
 * {@code java -cp target/classes io.streamcast.replay.SyntheticRecordings src/main/resources/recordings}.
 */
public final class SyntheticRecordings {

    static final String PRICE_FILE = "price-gbm.csv";
    static final String AUDIO_FILE = "audio-click.jsonl";

    private static final long PRICE_SEED = 20261123L;
    private static final int PRICE_POINTS = 1500;
    private static final Instant PRICE_START = Instant.parse("2026-01-05T09:00:00Z");

    private static final long AUDIO_SEED = 440L;
    private static final int SAMPLE_RATE = 8000;
    private static final int FRAME = 32;
    private static final int FRAMES = 300;
    private static final int CLICK_FRAME = 220;
    private static final long AUDIO_START_MS = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();

    private SyntheticRecordings() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/main/resources/recordings");
        write(dir.resolve(PRICE_FILE), price());
        write(dir.resolve(AUDIO_FILE), audio());
    }

    /**
     * One price a minute, {@code series,ts,value}: GBM with 8 % yearly drift and 30 % yearly
     * volatility scaled to minutes, so the walk is visible within a demo.
     */
    static String price() {
        SplittableRandom rnd = new SplittableRandom(PRICE_SEED);
        double dt = 1.0 / (252 * 390); // a trading minute, in years
        double mu = 0.08;
        double sigma = 0.30;
        double s = 100.0;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < PRICE_POINTS; i++) {
            out.append("price-gbm,").append(PRICE_START.plusSeconds(60L * i)).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", s)).append('\n');
            s *= Math.exp((mu - sigma * sigma / 2) * dt + sigma * Math.sqrt(dt) * gaussian(rnd));
        }
        return out.toString();
    }

    /**
     * Frames of 32 samples at 8 kHz (4 ms each) as {@code values} events: a 440 Hz tone of
     * amplitude 0.5 in Gaussian noise (σ 0.02), and in frame 220 a click — a decaying spike that
     * a detector should flag.
     */
    static String audio() {
        SplittableRandom rnd = new SplittableRandom(AUDIO_SEED);
        StringBuilder out = new StringBuilder();
        long frameMs = 1000L * FRAME / SAMPLE_RATE;
        for (int f = 0; f < FRAMES; f++) {
            out.append("{\"series\":\"mic-1\",\"ts\":").append(AUDIO_START_MS + f * frameMs).append(",\"values\":[");
            for (int i = 0; i < FRAME; i++) {
                int n = f * FRAME + i;
                double x = 0.5 * Math.sin(2 * Math.PI * 440 * n / SAMPLE_RATE) + 0.02 * gaussian(rnd);
                if (f == CLICK_FRAME && i >= 8) {
                    x += 0.95 * Math.exp(-(i - 8) / 4.0) * (i % 2 == 0 ? 1 : -1);
                }
                out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", x));
            }
            out.append("]}\n");
        }
        return out.toString();
    }

    /** Box–Muller from a seeded generator: same seed, same numbers on every JVM. */
    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write recording " + file + ": " + e.getMessage(), e);
        }
    }
}
