package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A series' level, seasons and scale, as the shared networks see it. */
class SeriesNormaliserTest {

    /** A daily cycle times a growing level, with multiplicative noise: positive, so worked in logs. */
    private static double value(int t, SplittableRandom rnd) {
        return 1000 * Math.exp(0.0005 * t) * (1 + 0.3 * Math.sin(2 * Math.PI * t / 24)) * Math.exp(0.01 * rnd.nextGaussian());
    }

    @Test
    void shouldFindTheSeasonAndTakeItOutOfAPositiveSeriesInLogs() {
        SeriesNormaliser n = new SeriesNormaliser(Seasons.AUTO, 1008);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int t = 0; t < 2_000; t++) {
            n.observe(value(t, rnd));
        }
        assertTrue(n.logSpace());
        assertArrayEquals(new int[] {24}, n.periods());
        // deseasonalised, the day is gone: one-step changes are the noise (σ 0.01 in logs) and the level's drift
        double spread = 0;
        for (int t = 2_000; t < 2_024; t++) {
            double x = value(t, rnd);
            spread = Math.max(spread, Math.abs(n.deseasonalised(x, t) - Math.log(1000 * Math.exp(0.0005 * t))));
            n.observe(x);
        }
        assertTrue(spread < 0.06, "deseasonalised values stay near the level: " + spread);
        assertTrue(n.scale() > 0.005 && n.scale() < 0.03, "scale " + n.scale());
    }

    @Test
    void shouldLeaveLogsForGoodWhenTheSeriesReachesZero() {
        SeriesNormaliser n = new SeriesNormaliser(Seasons.NONE, 1008);
        for (int t = 0; t < 50; t++) {
            n.observe(5 + t % 3);
        }
        assertTrue(n.logSpace());
        n.observe(0);
        assertFalse(n.logSpace());
        n.observe(7);
        assertFalse(n.logSpace(), "once a series has shown it can reach 0 it is not multiplicative");
        assertEquals(7.0, n.restore(n.deseasonalised(7, 51), 51), 1e-12);
    }

    @Test
    void shouldRestoreAValueFromItsDeseasonalisedForm() {
        SeriesNormaliser n = new SeriesNormaliser(Seasons.of(24), 1008);
        SplittableRandom rnd = new SplittableRandom(2);
        for (int t = 0; t < 500; t++) {
            n.observe(value(t, rnd));
        }
        for (int t = 500; t < 548; t++) {
            double x = value(t, rnd);
            assertEquals(x, n.restore(n.deseasonalised(x, t), t), 1e-9 * x);
        }
        assertTrue(n.scale() > 0);
    }

    @Test
    void shouldNeverHaveAScaleOfZeroOnAConstant() {
        SeriesNormaliser n = new SeriesNormaliser(Seasons.AUTO, 1008);
        for (int t = 0; t < 300; t++) {
            n.observe(42.0);
        }
        assertTrue(n.scale() > 0, "a constant still divides: " + n.scale());
        assertEquals(42.0, n.restore(n.deseasonalised(42.0, 299), 300), 1e-9);
    }

    @Test
    void shouldContinueExactlyAfterWriteAndRead() throws Exception {
        SeriesNormaliser a = new SeriesNormaliser(Seasons.AUTO, 1008);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 1_300; t++) {
            a.observe(value(t, rnd));
        }
        byte[] bytes = Snapshots.write(a::writeTo);
        SeriesNormaliser b = new SeriesNormaliser(Seasons.AUTO, 1008);
        b.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        for (int t = 1_300; t < 2_000; t++) {
            double x = value(t, rnd);
            a.observe(x);
            b.observe(x);
            assertEquals(a.deseasonalised(x, t), b.deseasonalised(x, t));
            assertEquals(a.scale(), b.scale());
        }
        assertArrayEquals(Snapshots.write(a::writeTo), Snapshots.write(b::writeTo));
    }
}
