package io.streamcast.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AudioFeaturesTest {

    private static final int RATE = 16_000;
    private static final int FRAME = 160; // 10 ms: bins are 100 Hz apart
    private final AudioFeatures features = AudioFeatures.of16kHz();

    private static double[] tone(double hz, double amplitude, double phase) {
        double[] x = new double[FRAME];
        for (int i = 0; i < FRAME; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / RATE + phase);
        }
        return x;
    }

    @Test
    void shouldNameRmsZcrCentroidAndOneFeaturePerBand() {
        assertEquals(List.of("rms", "zcr", "centroid", "band_0_500", "band_500_1000", "band_1000_2000",
                "band_2000_4000", "band_4000_8000"), features.names());
        assertEquals("mic-1/centroid", features.subSeries("mic-1", 2));
    }

    @Test
    void shouldGiveZeroEverythingForSilence() {
        assertArrayEquals(new double[8], features.compute(new double[FRAME]));
    }

    @Test
    void shouldMeasureAToneRmsAsAmplitudeOverRootTwo() {
        double[] f = features.compute(tone(1000, 0.5, 0.3));
        assertEquals(0.5 / Math.sqrt(2), f[0], 1e-12);
    }

    @Test
    void shouldCountTwoZeroCrossingsPerPeriodOfATone() {
        // 1 kHz over 10 ms = 10 periods; phase 0.3 rad: the phases run from 0.3 to 0.3 + 20π - 0.39, so
        // they pass π, 2π, .., 19π but stop short of 20π: 19 sign changes among 159 neighbouring pairs
        double[] f = features.compute(tone(1000, 0.5, 0.3));
        assertEquals(19.0 / 159, f[1], 1e-12);
        double[] slow = features.compute(tone(250, 0.5, 0.3)); // 2.5 periods: 5 sign changes
        assertEquals(5.0 / 159, slow[1], 1e-12);
    }

    @Test
    void shouldPlaceTheCentroidOfABinCentredToneOnItsFrequency() {
        for (double hz : new double[] {300, 1000, 2500, 6000}) {
            assertEquals(hz, features.compute(tone(hz, 0.5, 0.3))[2], 1e-6, "tone of " + hz + " Hz");
        }
    }

    @Test
    void shouldPlaceTheCentroidOfAnOffBinToneNearItsFrequency() {
        // 1234 Hz falls between bins 12 and 13: the Hann window keeps the leakage close to the tone
        assertEquals(1234, features.compute(tone(1234, 0.5, 0.1))[2], 40);
    }

    @Test
    void shouldPutAToneEnergyInItsBandOnly() {
        double[] f = features.compute(tone(1500, 0.5, 0.3));
        assertEquals(0.125, f[5], 1e-12, "A²/2 in band 1000-2000"); // window-corrected Parseval
        for (int band : new int[] {3, 4, 6, 7}) {
            assertEquals(0, f[band], 1e-20, "band " + features.names().get(band));
        }
    }

    @Test
    void shouldAddBandEnergiesUpToTheMeanSquareOfWhiteNoiseWithinAFewPercent() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] x = new double[FRAME * 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(-1, 1);
        }
        double[] f = features.compute(x);
        double bands = f[3] + f[4] + f[5] + f[6] + f[7];
        assertEquals(f[0] * f[0], bands, 0.1 * f[0] * f[0]);
        assertTrue(f[2] > 3000 && f[2] < 5000, "white noise centroid near a quarter of the rate: " + f[2]);
    }

    @Test
    void shouldFlagAClickByEnergyAndCentroid() {
        double[] quiet = tone(440, 0.1, 0.3);
        double[] click = quiet.clone();
        for (int i = 80; i < 90; i++) {
            click[i] += (i % 2 == 0 ? 0.9 : -0.9) * Math.exp(-(i - 80) / 3.0);
        }
        double[] a = features.compute(quiet);
        double[] b = features.compute(click);
        assertTrue(b[0] > 1.5 * a[0], "rms rises");
        assertTrue(b[2] > a[2] + 1000, "centroid jumps up: " + a[2] + " -> " + b[2]);
    }

    @Test
    void shouldAcceptOddFrameLengths() {
        AudioFeatures f = new AudioFeatures(8000, 0, 1000, 4000);
        double[] x = new double[81];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(2 * Math.PI * 2000 * i / 8000.0 + 0.2);
        }
        double[] v = f.compute(x);
        assertEquals(0, v[3], 1e-3);
        assertEquals(0.5, v[4], 0.02);
    }

    @Test
    void shouldRejectBadFramesAndBandsNamingTheProblem() {
        double[] x = tone(1000, 0.5, 0.3);
        x[17] = Double.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> features.compute(x)).getMessage()
                .contains("sample 17"));
        assertThrows(IllegalArgumentException.class, () -> features.compute(new double[1]));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AudioFeatures(16_000, 0, 500, 500))
                .getMessage().contains("ascending"));
    }

    @Test
    void shouldGiveTheSameFeaturesForTheSameFrame() {
        double[] x = tone(777, 0.3, 0.5);
        assertArrayEquals(features.compute(x), new AudioFeatures(RATE, 0, 500, 1000, 2000, 4000, 8000).compute(x));
    }
}
