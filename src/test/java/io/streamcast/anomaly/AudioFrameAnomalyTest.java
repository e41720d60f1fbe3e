package io.streamcast.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.series.AudioFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Audio frames → features → the project's detector, one per feature sub-series, each judging a
 * feature against its value in the frame before (a naive forecast: the test is about the features,
 * not the model). A synthetic stream — a 440 Hz tone in noise, fixed seed, 10 ms frames at 16 kHz —
 * with a click and a 200 ms dropout: both must be flagged within 3 frames of their start, and
 * nothing else may be flagged but the dropout's own end (the sound coming back is part of it).
 */
class AudioFrameAnomalyTest {

    private static final int RATE = 16_000;
    private static final int FRAME = 160;
    private static final int FRAMES = 1_000;
    private static final int CLICK = 400;
    private static final int DROPOUT = 700;
    private static final int DROPOUT_FRAMES = 20; // 200 ms

    private static double[][] stream(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] frames = new double[FRAMES][FRAME];
        for (int f = 0; f < FRAMES; f++) {
            for (int i = 0; i < FRAME; i++) {
                int n = f * FRAME + i;
                double x = 0.3 * Math.sin(2 * Math.PI * 440 * n / RATE) + 0.01 * (rnd.nextDouble() * 2 - 1);
                if (f == CLICK && i >= 60 && i < 80) {
                    x += 0.9 * Math.exp(-(i - 60) / 4.0) * (i % 2 == 0 ? 1 : -1);
                }
                frames[f][i] = f >= DROPOUT && f < DROPOUT + DROPOUT_FRAMES ? 0 : x;
            }
        }
        return frames;
    }

    /** Indices of the frames any feature's detector flagged. */
    private static List<Integer> flagged(double[][] frames) {
        AudioFeatures features = new AudioFeatures(RATE, 0, 500, 1000, 2000, 4000, 8000);
        int n = features.names().size();
        List<AnomalyDetector> detectors = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            detectors.add(AnomalyDetector.create(AnomalyConfig.defaults()));
        }
        List<Integer> flags = new ArrayList<>();
        double[] previous = null;
        for (int f = 0; f < frames.length; f++) {
            double[] v = features.compute(frames[f]);
            boolean flag = false;
            for (int k = 0; k < n; k++) {
                flag |= detectors.get(k).observe(v[k], previous == null ? Double.NaN : previous[k]).flag();
            }
            if (flag) {
                flags.add(f);
            }
            previous = v;
        }
        return flags;
    }

    @ParameterizedTest
    @ValueSource(longs = {440, 1, 2, 3, 4})
    void shouldFlagAClickAndADropoutWithinThreeFramesAndNothingElse(long seed) {
        List<Integer> flags = flagged(stream(seed));

        assertTrue(flags.stream().anyMatch(f -> f >= CLICK && f < CLICK + 3), "click at " + CLICK + ": " + flags);
        assertTrue(flags.stream().anyMatch(f -> f >= DROPOUT && f < DROPOUT + 3), "dropout at " + DROPOUT + ": " + flags);
        for (int f : flags) {
            boolean click = f >= CLICK && f < CLICK + 3;
            boolean dropout = f >= DROPOUT && f <= DROPOUT + DROPOUT_FRAMES + 2;
            assertTrue(click || dropout, "frame " + f + " flagged outside the incidents: " + flags);
        }
    }

    @Test
    void shouldGiveTheSameFlagsForTheSameSeed() {
        assertEquals(flagged(stream(7)), flagged(stream(7)));
    }
}
