package io.streamcast.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OnlineScalerTest {

    @Test
    void shouldMatchTwoPassMomentsOnLargeOffsetValues() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] xs = new double[10_000];
        OnlineScaler s = new OnlineScaler();
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 1e9 + rnd.nextGaussian() * 3.0;
            s.add(xs[i]);
        }
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= xs.length;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        assertEquals(mean, s.mean(), 1e-4); // 1e-13 relative: both sums round
        assertEquals(ss / (xs.length - 1), s.variance(), 1e-6 * ss / xs.length);
    }

    @Test
    void shouldSkipAndCountNonFiniteValues() {
        OnlineScaler s = new OnlineScaler();
        s.add(1);
        assertFalse(s.add(Double.NaN));
        assertFalse(s.add(Double.POSITIVE_INFINITY));
        s.add(3);
        assertEquals(2, s.count());
        assertEquals(2, s.skipped());
        assertEquals(2.0, s.mean());
    }

    @Test
    void shouldScaleConstantSeriesWithoutDividingByZero() {
        OnlineScaler s = new OnlineScaler();
        for (int i = 0; i < 10; i++) {
            s.add(5e12);
        }
        assertEquals(0.0, s.scale(5e12));
        assertEquals(5e12 + 5e12, s.unscale(1.0));
    }

    @Test
    void shouldRoundTripExactly() throws IOException {
        OnlineScaler s = new OnlineScaler();
        for (int i = 0; i < 100; i++) {
            s.add(Math.sin(i) * 1e3);
        }
        s.add(Double.NaN);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(bytes));
        OnlineScaler r = OnlineScaler.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(s.mean(), r.mean());
        assertEquals(s.variance(), r.variance());
        assertEquals(s.skipped(), r.skipped());
        s.add(42);
        r.add(42);
        assertEquals(s.variance(), r.variance());
    }
}
