package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile inputs: the AR model must keep forecasting finite values and ordered bounds, never throw. */
class ArRobustnessTest {

    private static final SplittableRandom RND = new SplittableRandom(3);
    private static final IntToDoubleFunction[] SERIES = {
        t -> 1e300,                                   // constant near the top of double range
        t -> (t % 2 == 0 ? 1 : -1) * 1e200,           // alternating huge values
        t -> t < 500 ? 0.0 : 1e9,                     // level shift by nine orders of magnitude
        t -> t % 97 == 0 ? 1e6 : 1e-6,                // tiny values with rare spikes
        t -> 1e-300 * Math.sin(t),                    // subnormal territory
        t -> Math.exp(t / 50.0),                      // explosive growth
        t -> RND.nextDouble() < 0.5 ? 0 : RND.nextGaussian() * 1e8,
    };

    @ParameterizedTest
    @ValueSource(strings = {"none", "log", "boxcox"})
    void shouldStayFiniteAndOrderedOnHostileSeries(String transform) {
        for (int season : new int[] {0, 24}) {
            EngineConfig c = EngineConfig.of(24).withSeason(season).with("streamcast.model.ar.transform", transform);
            for (int k = 0; k < SERIES.length; k++) {
                ArForecaster ar = new ArForecaster(ArConfig.from(c));
                for (int t = 0; t < 1_000; t++) {
                    ar.learn(SERIES[k].applyAsDouble(t));
                    Forecast f = ar.forecast(30);
                    for (int h = 1; h <= 30; h++) {
                        boolean ok = Double.isFinite(f.mean(h)) && !(f.lo(h) > f.mean(h)) && !(f.hi(h) < f.mean(h));
                        if (!ok) { // message built only on failure: this loop runs a million times
                            fail("series " + k + ", season " + season + ", " + transform + ", t=" + t + ", h=" + h + ": " + f);
                        }
                    }
                }
            }
        }
    }
}
