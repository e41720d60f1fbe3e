package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.series.Observation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalEngineTest {

    private static List<Observation> tick(int t) {
        List<Observation> batch = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            batch.add(new Observation("s" + s, t * 1000L, 10 * s + Math.sin(t * 0.3 + s) + 0.01 * t));
        }
        return batch;
    }

    @Test
    void shouldReportThePreviousOneStepForecastAsExpected() {
        Engine e = Engines.create("naive", EngineConfig.of(2));
        Step first = e.step(List.of(new Observation("a", 0, 5))).get(0);
        assertTrue(Double.isNaN(first.expected()));
        Step second = e.step(List.of(new Observation("a", 1, 7))).get(0);
        assertEquals(5.0, second.expected());
        assertEquals(2.0, second.residual());
        assertArrayEquals(new double[] {7, 7}, second.forecast().mean());
    }

    @Test
    void shouldSkipNonFiniteValueWithoutExpectationOrLearning() {
        Engine e = Engines.create("naive", EngineConfig.of(1));
        e.step(List.of(new Observation("a", 0, 5)));
        Step nan = e.step(List.of(new Observation("a", 1, Double.NaN))).get(0);
        assertTrue(Double.isNaN(nan.expected()));
        assertEquals(5.0, nan.forecast().mean(1));
        assertEquals(5.0, e.step(List.of(new Observation("a", 2, 6))).get(0).expected());
    }

    @Test
    void shouldContinueIdenticallyAfterSeriesStateIsSavedAndLoadedIntoANewEngine() {
        EngineConfig cfg = EngineConfig.of(6).withSeason(12);
        Engine a = Engines.create("ar", cfg);
        for (int t = 0; t < 300; t++) {
            a.step(tick(t));
        }
        Engine b = Engines.create("ar", cfg);
        for (int s = 0; s < 3; s++) {
            b.loadSeries("s" + s, a.seriesState("s" + s));
        }
        b.loadShared(a.sharedState());
        for (int t = 300; t < 400; t++) {
            assertEquals(a.step(tick(t)), b.step(tick(t)), "t=" + t);
        }
    }

    @Test
    void shouldForgetEvictedSeriesAndHoldNoSharedState() {
        Engine e = Engines.create("ar", EngineConfig.of(3));
        e.step(tick(0));
        e.evict("s1");
        assertNull(e.seriesState("s1"));
        assertEquals(0, e.sharedState().length);
        assertThrows(IllegalArgumentException.class, () -> e.loadShared(new byte[] {1}));
    }

    @Test
    void shouldRejectStateOfAnotherModelNamingIt() {
        Engine ar = Engines.create("ar", EngineConfig.of(3));
        Engine naive = Engines.create("naive", EngineConfig.of(3));
        naive.step(tick(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ar.loadSeries("s0", naive.seriesState("s0")));
        assertTrue(e.getMessage().contains("expected state of 'ar/4'") && e.getMessage().contains("found 'naive/2'"), e.getMessage());
    }

    @Test
    void shouldNameUnknownModelsAndListKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Engines.create("arima", EngineConfig.of(1)));
        assertTrue(e.getMessage().startsWith("unknown model 'arima'; known models: " + String.join(", ", Engines.names())), e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> Engines.create("snaive", EngineConfig.of(1)));
        assertTrue(s.getMessage().contains("streamcast.model.season"), s.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Engines.create("ar", EngineConfig.of(1).with("streamcast.model.ar.order", "two")));
        assertEquals("streamcast.model.ar.order must be an integer, got 'two'", bad.getMessage());
    }
}
