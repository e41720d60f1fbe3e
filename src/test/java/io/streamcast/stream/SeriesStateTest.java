package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesStateTest {

    @Test
    void shouldRoundTripEveryFieldThroughBytes() {
        SeriesState s = new SeriesState("ar|lags=0|h=3|step=0");
        s.steps = 42;
        s.lastTs = 1_795_532_400_250L;
        s.spacing = 250.5;
        s.engine = new byte[] {1, 2, 3};
        s.unsettled.add(new SeriesState.Pending(40, new double[] {1, 2, 3}, new double[] {0, 1, Double.NaN},
                new double[] {2, 3, 4}));
        s.unsettled.add(new SeriesState.Pending(41, new double[] {5, 6, 7}, new double[] {4, 5, 6},
                new double[] {6, 7, 8}));
        SeriesState r = SeriesState.fromBytes(s.toBytes());
        assertEquals(s.modelKey, r.modelKey);
        assertEquals(42, r.steps);
        assertEquals(s.lastTs, r.lastTs);
        assertEquals(250.5, r.spacing);
        assertArrayEquals(new byte[] {1, 2, 3}, r.engine);
        assertNull(r.detector);
        List<SeriesState.Pending> p = List.copyOf(r.unsettled);
        assertEquals(2, p.size());
        assertEquals(41, p.get(1).origin());
        assertArrayEquals(new double[] {0, 1, Double.NaN}, p.get(0).lo());
        assertArrayEquals(new double[] {6, 7, 8}, p.get(1).hi());
        assertArrayEquals(s.toBytes(), r.toBytes());
    }
}
