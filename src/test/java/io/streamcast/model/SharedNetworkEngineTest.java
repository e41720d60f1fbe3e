package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.series.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batching and snapshots of the engines whose series share one network, on 100 series (the
 * contract suite covers determinism and the rest with the registry's defaults).
 */
class SharedNetworkEngineTest {
    static final int SERIES = 100;
    static final int LENGTH = 40;

    static Stream<Arguments> engines() {
        FfArConfig ffar = FfArConfig.defaults(3, 5).withTraining(1, 32);
        LstmConfig lstm = LstmConfig.defaults(3, 5).withTraining(3, 16);
        return Stream.of(
                Arguments.of("ffar recursive", (Supplier<Engine>) () -> NeuralEngines.ffar(ffar)),
                Arguments.of("ffar direct", (Supplier<Engine>) () -> NeuralEngines.ffar(ffar.withStrategy(MultiStep.DIRECT))),
                Arguments.of("lstm direct", (Supplier<Engine>) () -> NeuralEngines.lstm(lstm)),
                Arguments.of("lstm recursive", (Supplier<Engine>) () -> NeuralEngines.lstm(
                        lstm.withStrategy(MultiStep.RECURSIVE))),
                Arguments.of("lstm direct 2 layers", (Supplier<Engine>) () -> NeuralEngines.lstm(
                        lstm.withStrategy(MultiStep.DIRECT).withNetwork(8, 2, false))),
                Arguments.of("graves lstm", (Supplier<Engine>) () -> NeuralEngines.lstm(lstm.withNetwork(8, 1, true))));
    }

    /** 100 series of different shapes and scales, interleaved in time, a few values missing. */
    static List<Observation> stream() {
        String[] ids = new String[SERIES];
        double[][] x = new double[SERIES][];
        for (int s = 0; s < SERIES; s++) {
            ids[s] = "s" + s;
            double scale = Math.pow(10, s % 7 - 2);
            double[] v = Series.noisySine(LENGTH, 0.1, s);
            for (int t = 0; t < LENGTH; t++) {
                v[t] = scale * (v[t] + 0.05 * t * (s % 3)) + (t == 17 && s % 10 == 0 ? Double.NaN : 0);
            }
            x[s] = v;
        }
        return Series.interleaved(ids, x);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void shouldGiveTheSameResultsBatchedAsOneByOne(String name, Supplier<Engine> factory) {
        List<Observation> obs = stream();
        List<Step> batched = new ArrayList<>();
        Engine b = factory.get();
        for (int from = 0; from < obs.size(); from += 250) {
            batched.addAll(b.step(obs.subList(from, Math.min(obs.size(), from + 250))));
        }
        List<Step> single = Series.oneByOne(factory.get(), obs);
        assertEquals(single.size(), batched.size());
        int compared = 0;
        for (int i = 0; i < single.size(); i++) {
            Step a = single.get(i);
            Step c = batched.get(i);
            assertEquals(a.observation(), c.observation());
            close(a.expected(), c.expected(), name + " expected at " + i);
            for (int h = 1; h <= a.forecast().horizon(); h++) {
                close(a.forecast().mean(h), c.forecast().mean(h), name + " mean at " + i + " step " + h);
                close(a.forecast().lo(h), c.forecast().lo(h), name + " lo at " + i + " step " + h);
            }
            compared += Double.isFinite(a.expected()) ? 1 : 0;
        }
        assertTrue(compared > SERIES * (LENGTH - 20), "network forecasts compared: " + compared);
        if (!name.startsWith("ffar")) {
            // the LSTM steps each series on its own (plain Java): no matrix product mixes the rows of a batch
            assertEquals(single, batched, name + ": batched equals one by one exactly");
        }
    }

    /** Within 1e-6, NaN only where the other is NaN too (warm-up). */
    private static void close(double a, double b, String where) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            assertEquals(Double.isNaN(a), Double.isNaN(b), where + ": " + a + " vs " + b);
        } else {
            assertEquals(a, b, 1e-6, where);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void shouldContinueBitIdenticallyAfterSnapshotAndRestore(String name, Supplier<Engine> factory) {
        List<Observation> obs = stream();
        int cut = obs.size() / 2 + 37;
        Engine original = factory.get();
        original.step(obs.subList(0, cut));

        Engine restored = factory.get();
        restored.loadShared(original.sharedState());
        for (int s = 0; s < SERIES; s++) {
            byte[] state = original.seriesState("s" + s);
            assertNotNull(state, "state of s" + s);
            assertTrue(state.length <= 4096, name + ": series state " + state.length + " bytes");
            restored.loadSeries("s" + s, state);
        }
        assertArrayEquals(original.sharedState(), restored.sharedState(), "shared state round trip");

        List<Step> expected = original.step(obs.subList(cut, obs.size()));
        List<Step> actual = restored.step(obs.subList(cut, obs.size()));
        assertEquals(expected, actual, name + " after restore");
        assertArrayEquals(original.sharedState(), restored.sharedState(), "shared state at the end");
    }
}
