package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11: the networks forecast series of scale 1e-2 and 1e5, with a trend and two seasons (24
 * and 168, as hourly data has), through one network. Two shapes — a multiplicative series that
 * stays positive and an additive one that crosses zero — each at both scales, interleaved in one
 * engine with the seasons left to detection. Each series' forecasts over the next 24 values must
 * beat the naive and the seasonal naive (168) forecasts of the same origins, and a series' error in
 * its own units must be the same whether it is of scale 1e-2 or 1e5: the small series are not
 * sacrificed to the large ones.
 */
class TwoScaleNetworkTest {
    static final int H = 24;
    static final int LENGTH = 1500;
    static final int FROM = 1000;
    static final double[] SCALES = {1e-2, 1e5};

    static Stream<Arguments> engines() {
        return Stream.of(
                Arguments.of("ffar", (Supplier<Engine>) () -> NeuralEngines.ffar(FfArConfig.defaults(H, 1))),
                Arguments.of("lstm", (Supplier<Engine>) () -> NeuralEngines.lstm(LstmConfig.defaults(H, 1)
                        .withTraining(8, 32))));
    }

    /** Shape 0: positive, growing, seasons multiply it; shape 1: crosses zero, seasons add to it. */
    static double[] shape(int kind, long seed) {
        Random r = new Random(seed);
        double[] x = new double[LENGTH];
        for (int t = 0; t < LENGTH; t++) {
            double day = Math.sin(2 * Math.PI * t / 24);
            double week = Math.sin(2 * Math.PI * t / 168 + 1);
            double noise = r.nextGaussian();
            x[t] = kind == 0
                    ? (1 + 0.0005 * t) * Math.exp(0.3 * day + 0.2 * week + 0.05 * noise)
                    : 0.001 * t - 0.5 + 0.6 * day + 0.4 * week + 0.1 * noise;
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void shouldForecastSmallAndLargeSeriesAlikeAndBetterThanTheNaives(String model, Supplier<Engine> factory) {
        String[] ids = new String[4];
        double[][] x = new double[4][];
        for (int kind = 0; kind < 2; kind++) {
            double[] base = shape(kind, 7 + kind);
            for (int k = 0; k < 2; k++) {
                int s = 2 * kind + k;
                ids[s] = (kind == 0 ? "multiplicative" : "additive") + "@" + SCALES[k];
                x[s] = new double[LENGTH];
                for (int t = 0; t < LENGTH; t++) {
                    x[s][t] = SCALES[k] * base[t];
                }
            }
        }
        List<Step> steps = factory.get().step(Series.interleaved(ids, x));

        double[] relative = new double[4];
        for (int s = 0; s < 4; s++) {
            double net = 0;
            double naive = 0;
            double seasonal = 0;
            int n = 0;
            for (int t = FROM; t + H < LENGTH; t++) {
                Forecast f = steps.get(t * ids.length + s).forecast();
                for (int h = 1; h <= H; h++) {
                    double y = x[s][t + h];
                    net += Math.abs(f.mean(h) - y);
                    naive += Math.abs(x[s][t] - y);
                    seasonal += Math.abs(x[s][t + h - 168] - y);
                    n++;
                }
            }
            relative[s] = net / n / SCALES[s % 2];
            System.out.printf("%s %s: MAE %.4g, naive %.4g, seasonal naive %.4g%n", model, ids[s], net / n,
                    naive / n, seasonal / n);
            assertTrue(net < 0.8 * naive, model + " " + ids[s] + ": " + net / n + " vs naive " + naive / n);
            assertTrue(net < 0.8 * seasonal, model + " " + ids[s] + ": " + net / n + " vs seasonal naive "
                    + seasonal / n);
        }
        for (int kind = 0; kind < 2; kind++) {
            assertEquals(relative[2 * kind], relative[2 * kind + 1], 0.01 * relative[2 * kind],
                    model + ": error over the scale at 1e-2 and at 1e5 for shape " + kind);
        }
    }
}
