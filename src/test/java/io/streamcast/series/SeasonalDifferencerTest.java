package io.streamcast.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeasonalDifferencerTest {

    @Test
    void shouldDifferenceAndIntegrateBackToLevels() {
        SeasonalDifferencer d = new SeasonalDifferencer(3);
        double[] xs = {1, 2, 3, 11, 12, 13};
        assertTrue(Double.isNaN(d.difference(xs[0])));
        d.difference(xs[1]);
        d.difference(xs[2]);
        assertEquals(10.0, d.difference(xs[3]));
        d.difference(xs[4]);
        d.difference(xs[5]);
        // differences of +10 every season continue the staircase: 21, 22, 23, 31
        double[] f = {10, 10, 10, 10};
        d.integrate(f);
        assertArrayEquals(new double[] {21, 22, 23, 31}, f);
    }
}
