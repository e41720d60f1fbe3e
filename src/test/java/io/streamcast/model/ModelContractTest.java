package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.series.Observation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered model honours (STYLE.md item 3). Adding an entry to {@link Engines}
 * adds the model here. Three series of different scales, a season of 12, horizon 6.
 */
class ModelContractTest {

    static final EngineConfig CONFIG = EngineConfig.of(6).withSeason(12).withSeed(7);
    static final int SERIES = 3;

    static List<String> models() {
        return new ArrayList<>(Engines.names());
    }

    /** Observations of tick t: series k has scale 10^k, a season of 12 and seeded noise. */
    static List<Observation> tick(int t) {
        SplittableRandom rnd = new SplittableRandom(1000L * t + 17);
        List<Observation> batch = new ArrayList<>();
        for (int k = 0; k < SERIES; k++) {
            double scale = Math.pow(10, k);
            double v = scale * (5 + Math.sin(2 * Math.PI * t / 12) + 0.2 * rnd.nextGaussian());
            batch.add(new Observation("s" + k, t * 60_000L, v));
        }
        return batch;
    }

    private static List<Step> run(Engine e, int from, int to) {
        List<Step> all = new ArrayList<>();
        for (int t = from; t < to; t++) {
            all.addAll(e.step(tick(t)));
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("models")
    void sameSeedGivesTheSameOutputs(String model) {
        assertEquals(run(Engines.create(model, CONFIG), 0, 150), run(Engines.create(model, CONFIG), 0, 150));
    }

    @ParameterizedTest
    @MethodSource("models")
    void batchedStepsEqualOneByOneSteps(String model) {
        Engine batched = Engines.create(model, CONFIG);
        Engine single = Engines.create(model, CONFIG);
        for (int t = 0; t < 120; t++) {
            List<Step> b = batched.step(tick(t));
            List<Step> s = new ArrayList<>();
            for (Observation o : tick(t)) {
                s.addAll(single.step(List.of(o)));
            }
            if (batched instanceof NetworkEngine || batched instanceof AutoEngine) {
                assertClose(s, b, "t=" + t);
            } else {
                assertEquals(s, b, "t=" + t);
            }
        }
    }

    /**
     * A shared network serves a batch in one matrix product; BLAS sums a row of a 3-row product in
     * another order than a 1-row one, so the last bits may differ (the issue asks for 1e-6; this
     * asks for 1e-9 relative). Everything else — observations, which values are NaN — must match.
     */
    private static void assertClose(List<Step> expected, List<Step> actual, String where) {
        assertEquals(expected.size(), actual.size(), where);
        for (int i = 0; i < expected.size(); i++) {
            Step e = expected.get(i);
            Step a = actual.get(i);
            assertEquals(e.observation(), a.observation(), where);
            assertEquals(e.forecast().model(), a.forecast().model(), where);
            close(e.expected(), a.expected(), where + " expected");
            for (int h = 1; h <= e.forecast().horizon(); h++) {
                close(e.forecast().mean(h), a.forecast().mean(h), where + " mean " + h);
                close(e.forecast().lo(h), a.forecast().lo(h), where + " lo " + h);
                close(e.forecast().hi(h), a.forecast().hi(h), where + " hi " + h);
            }
        }
    }

    private static void close(double e, double a, String where) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            assertEquals(Double.isNaN(e), Double.isNaN(a), where + ": " + e + " vs " + a);
        } else {
            assertEquals(e, a, 1e-9 * Math.max(1, Math.abs(e)), where);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void snapshotRestoreContinuesExactly(String model) {
        Engine a = Engines.create(model, CONFIG);
        run(a, 0, 100);
        Engine b = Engines.create(model, CONFIG);
        b.loadShared(a.sharedState());
        for (int k = 0; k < SERIES; k++) {
            b.loadSeries("s" + k, a.seriesState("s" + k));
        }
        assertEquals(run(a, 100, 160), run(b, 100, 160));
        for (int k = 0; k < SERIES; k++) {
            assertArrayEquals(a.seriesState("s" + k), b.seriesState("s" + k));
        }
        assertArrayEquals(a.sharedState(), b.sharedState());
    }

    @ParameterizedTest
    @MethodSource("models")
    void warmUpIsAsDefined(String model) {
        Engine e = Engines.create(model, CONFIG);
        List<Step> first = e.step(tick(0));
        for (Step s : first) {
            assertTrue(Double.isNaN(s.expected()), "a new series has no expectation: " + s);
            assertEquals(CONFIG.horizon(), s.forecast().horizon());
            assertEquals(model, s.forecast().model());
        }
        for (int t = 1; t < 60; t++) {
            for (Step s : e.step(tick(t))) {
                assertTrue(Double.isFinite(s.expected()), "from the second value on there is an expectation: " + s);
                Forecast f = s.forecast();
                for (int h = 1; h <= f.horizon(); h++) {
                    assertTrue(Double.isFinite(f.mean(h)), "finite mean " + f);
                    assertFalse(f.lo(h) > f.mean(h) || f.hi(h) < f.mean(h), "lo <= mean <= hi " + f);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void nonFiniteValuesAreSkippedWithoutChangingTheModel(String model) {
        Engine clean = Engines.create(model, CONFIG);
        Engine dirty = Engines.create(model, CONFIG);
        for (int t = 0; t < 80; t++) {
            List<Step> c = clean.step(tick(t));
            if (t % 10 == 5) {
                List<Step> bad = dirty.step(List.of(new Observation("s1", t, Double.NaN),
                        new Observation("s2", t, Double.POSITIVE_INFINITY)));
                assertTrue(Double.isNaN(bad.get(0).expected()) && Double.isNaN(bad.get(1).expected()));
            }
            assertEquals(c, dirty.step(tick(t)), "t=" + t);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void corruptOrForeignStateIsRejectedByName(String model) {
        Engine e = Engines.create(model, CONFIG);
        run(e, 0, 30);
        byte[] state = e.seriesState("s0");
        byte[] cut = Arrays.copyOf(state, state.length / 2);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.loadSeries("s0", cut));
        assertTrue(ex.getMessage().contains("s0"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.loadSeries("s0", new byte[0]));
        Engine other = Engines.create(model, CONFIG.withHorizon(CONFIG.horizon() + 1));
        assertThrows(IllegalArgumentException.class, () -> other.loadSeries("s0", state));
    }
}
