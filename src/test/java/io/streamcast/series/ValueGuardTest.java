package io.streamcast.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueGuardTest {

    @Test
    void shouldAdmitFiniteAndCountNanAndInfinitySeparately() {
        ValueGuard g = new ValueGuard();
        assertTrue(g.admit(-1e300));
        assertFalse(g.admit(Double.NaN));
        assertFalse(g.admit(Double.NEGATIVE_INFINITY));
        assertFalse(g.admit(Double.POSITIVE_INFINITY));
        assertEquals(1, g.nanSkipped());
        assertEquals(2, g.infiniteSkipped());
        assertEquals(3, g.skipped());
    }
}
