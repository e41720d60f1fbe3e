package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        s.observeForScale(10);
        s.observeForScale(13);
        s.observeForScale(12);
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
        assertEquals(2.0, r.maseScale(), "mean absolute one-step change of 10, 13, 12");
        assertEquals(12.0, r.lastValue);
        List<SeriesState.Pending> p = List.copyOf(r.unsettled);
        assertEquals(2, p.size());
        assertEquals(41, p.get(1).origin());
        assertArrayEquals(new double[] {0, 1, Double.NaN}, p.get(0).lo());
        assertArrayEquals(new double[] {6, 7, 8}, p.get(1).hi());
        assertArrayEquals(s.toBytes(), r.toBytes());
    }

    @Test
    void shouldKeepPendingForecastsToFloatPrecisionInHalfTheBytes() {
        SeriesState s = new SeriesState("ar|lags=0|h=2|step=0");
        s.unsettled.add(new SeriesState.Pending(7, new double[] {Math.PI, 1e6 / 3}, new double[] {-Math.E, 0.1},
                new double[] {Double.NaN, Double.POSITIVE_INFINITY}));
        byte[] bytes = s.toBytes();
        SeriesState.Pending p = SeriesState.fromBytes(bytes).unsettled.peek();
        assertEquals((float) Math.PI, p.mean()[0]);
        assertEquals(Math.PI, p.mean()[0], 1e-6);
        assertEquals(1e6 / 3, p.mean()[1], 1e-7 * 1e6 / 3);
        assertEquals(-Math.E, p.lo()[0], 1e-6);
        assertTrue(Double.isNaN(p.hi()[0]));
        assertEquals(Double.POSITIVE_INFINITY, p.hi()[1]);
        SeriesState empty = new SeriesState("ar|lags=0|h=2|step=0");
        assertEquals(8 + 4 + 12 * 2, bytes.length - empty.toBytes().length, "origin, length, 3 floats per step");
    }

    @Test
    void shouldStillReadStateOfVersion2WithoutTheMaseScale() {
        // version 2 layout: version, key, steps, lastTs, spacing, engine, detector, pending (floats)
        byte[] key = "ar|lags=0|h=1|step=0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 + 4 + key.length + 24 + 4 + 4 + 4 + 12 + 12);
        b.put((byte) 2).putInt(key.length).put(key).putLong(5).putLong(1000).putDouble(60_000);
        b.putInt(-1).putInt(-1).putInt(1);
        b.putLong(4).putInt(1).putFloat(3.5f).putFloat(1.5f).putFloat(4.5f);
        SeriesState r = SeriesState.fromBytes(b.array());
        assertEquals(5, r.steps);
        assertEquals(3.5, r.unsettled.peek().mean()[0]);
        assertEquals(0.0, r.maseScale(), "no scale yet: it starts with the next values");
    }

    @Test
    void shouldStillReadStateWrittenWithDoublesBeforeVersion2() {
        // version 1 layout: version, key, steps, lastTs, spacing, engine, detector, pending (doubles)
        byte[] key = "ar|lags=0|h=1|step=0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 + 4 + key.length + 24 + 4 + 4 + 4 + 12 + 24);
        b.put((byte) 1).putInt(key.length).put(key).putLong(5).putLong(1000).putDouble(60_000);
        b.putInt(-1).putInt(-1).putInt(1);
        b.putLong(4).putInt(1).putDouble(Math.PI).putDouble(1.5).putDouble(4.5);
        SeriesState r = SeriesState.fromBytes(b.array());
        assertEquals(5, r.steps);
        assertEquals(60_000, r.spacing);
        SeriesState.Pending p = r.unsettled.peek();
        assertEquals(4, p.origin());
        assertEquals(Math.PI, p.mean()[0], "version 1 doubles are read exactly");
        assertEquals(4.5, p.hi()[0]);
    }

    @Test
    void shouldStillReadStateOfVersion3WithoutAPublishedForecast() {
        // version 3 layout: version 2 with the MASE scale (last value, change sum, changes) before the pending forecasts
        byte[] key = "ar|lags=0|h=1|step=0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 + 4 + key.length + 24 + 4 + 4 + 24 + 4 + 12 + 12);
        b.put((byte) 3).putInt(key.length).put(key).putLong(5).putLong(1000).putDouble(60_000);
        b.putInt(-1).putInt(-1);
        b.putDouble(12).putDouble(4).putLong(2);
        b.putInt(1).putLong(4).putInt(1).putFloat(3.5f).putFloat(1.5f).putFloat(4.5f);
        SeriesState r = SeriesState.fromBytes(b.array());
        assertEquals(5, r.steps);
        assertEquals(2.0, r.maseScale());
        assertEquals(3.5, r.unsettled.peek().mean()[0]);
        assertTrue(r.publishedJson("x").isEmpty(), "no forecast published in version 3");
    }

    @Test
    void shouldKeepThePublishedForecastExactlySoItsJsonIsThePublishedBytes() {
        SeriesState s = new SeriesState("ar|lags=0|h=3|step=0");
        io.streamcast.model.Forecast f = new io.streamcast.model.Forecast("ar", new double[] {Math.PI, 1e6 / 3, -0.1},
                new double[] {Double.NaN, 1, -Math.E}, new double[] {Double.POSITIVE_INFINITY, 1e300, 4.9e-324});
        s.published(f, 1_795_532_400_250L, 60_000);
        SeriesState r = SeriesState.fromBytes(s.toBytes());
        assertArrayEquals(OutputJson.forecast("m-1", f, 1_795_532_400_250L, 60_000), r.publishedJson("m-1").orElseThrow());
    }
}
