package io.streamcast.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LagWindowTest {

    @Test
    void shouldReturnNewestAsLagOneAfterWrapping() {
        LagWindow w = new LagWindow(3);
        for (int i = 1; i <= 5; i++) {
            w.push(i);
        }
        assertEquals(5.0, w.lag(1));
        assertEquals(3.0, w.lag(3));
        assertArrayEquals(new double[] {3, 4, 5}, w.toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> w.lag(4));
    }

    @Test
    void shouldRejectZeroCapacityNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LagWindow(0));
        assertEquals("lag window capacity must be at least 1, got 0", e.getMessage());
    }

    @Test
    void shouldRoundTripPartialAndFullWindows() throws IOException {
        for (int pushes : new int[] {2, 7}) {
            LagWindow w = new LagWindow(4);
            for (int i = 0; i < pushes; i++) {
                w.push(i * 1.5);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            w.writeTo(new DataOutputStream(bytes));
            LagWindow r = LagWindow.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertArrayEquals(w.toArray(), r.toArray());
            w.push(99);
            r.push(99);
            assertArrayEquals(w.toArray(), r.toArray());
        }
    }
}
