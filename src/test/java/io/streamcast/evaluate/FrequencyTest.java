package io.streamcast.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrequencyTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    @Test
    void shouldCarryM4sPeriodAndTheNaturalCycle() {
        assertEquals(24, Frequency.HOURLY.m4Period());
        assertEquals(1, Frequency.DAILY.m4Period(), "M4 scored daily series with m = 1");
        assertEquals(7, Frequency.DAILY.cycle());
        assertEquals(1, Frequency.WEEKLY.m4Period());
        assertEquals(52, Frequency.WEEKLY.cycle());
        assertEquals(12, Frequency.MONTHLY.m4Period());
        assertEquals(4, Frequency.QUARTERLY.cycle());
        assertEquals(0, Frequency.YEARLY.cycle());
    }

    @Test
    void shouldInferTheFrequencyFromTheMedianGap() {
        assertEquals(Frequency.HOURLY, Frequency.infer(new long[] {HOUR, HOUR, 2 * HOUR, HOUR}));
        assertEquals(Frequency.WEEKLY, Frequency.infer(new long[] {7 * DAY, 7 * DAY}));
        assertEquals(Frequency.MONTHLY, Frequency.infer(new long[] {31 * DAY, 28 * DAY, 31 * DAY, 30 * DAY}));
        assertEquals(Frequency.QUARTERLY, Frequency.infer(new long[] {90 * DAY, 91 * DAY, 92 * DAY}));
        assertEquals(Frequency.YEARLY, Frequency.infer(new long[] {365 * DAY, 366 * DAY, 365 * DAY}));
        assertNull(Frequency.infer(new long[] {300_000L, 300_000L}), "5-minute data is none of M4's");
        assertNull(Frequency.infer(new long[0]));
    }

    @Test
    void shouldReadTheCommandLineNamesAndQuoteAnythingElse() {
        assertEquals(Frequency.HOURLY, Frequency.parse(" Hourly "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Frequency.parse("minutely"));
        assertEquals("frequency must be one of hourly, daily, weekly, monthly, quarterly, yearly; got 'minutely'", e.getMessage());
    }
}
