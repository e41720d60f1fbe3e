package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.series.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 100 series whose magnitudes span 1e-3 to 1e6 share one FF-AR network; per-series scaling keeps
 * them apart, so each forecasts as well as it would through a network of its own.
 */
class SharedScalingTest {
    static final int SERIES = 100;
    static final int LENGTH = 400;

    @Test
    void shouldForecastEachSeriesAsWellSharedAsAlone() {
        String[] ids = new String[SERIES];
        double[][] x = new double[SERIES][LENGTH];
        Random r = new Random(42);
        for (int s = 0; s < SERIES; s++) {
            ids[s] = "s" + s;
            double scale = Math.pow(10, -3 + 9.0 * s / (SERIES - 1));
            double omega = 0.05 + 0.15 * r.nextDouble();
            double phase = 2 * Math.PI * r.nextDouble();
            for (int t = 0; t < LENGTH; t++) {
                x[s][t] = scale * (3 + Math.sin(omega * t + phase) + 0.2 * r.nextGaussian());
            }
        }
        // Alone: an Adam step on 32 rows every 2 values; shared: on 256 rows every 2 × 100 values.
        FfArConfig shared = FfArConfig.defaults(1, 9).withTraining(2, 256);
        FfArConfig alone = FfArConfig.defaults(1, 9).withTraining(2, 32);
        List<Step> together = NeuralEngines.ffar(shared).step(Series.interleaved(ids, x));

        for (int s = 0; s < SERIES; s += 11) {
            List<Step> mine = new ArrayList<>(LENGTH);
            for (int t = 0; t < LENGTH; t++) {
                mine.add(together.get(t * SERIES + s));
            }
            List<Observation> own = Series.one(ids[s], x[s]);
            double sharedRmse = Math.sqrt(Series.mse(mine, x[s], 1, LENGTH / 2, LENGTH));
            double aloneRmse = Math.sqrt(Series.mse(NeuralEngines.ffar(alone).step(own), x[s], 1, LENGTH / 2, LENGTH));
            System.out.printf("series %d (scale %.0e): shared RMSE %.4g, alone %.4g%n", s,
                    Math.pow(10, -3 + 9.0 * s / (SERIES - 1)), sharedRmse, aloneRmse);
            assertTrue(sharedRmse <= 1.10 * aloneRmse, ids[s] + ": shared " + sharedRmse + " vs alone " + aloneRmse);
        }
    }
}
