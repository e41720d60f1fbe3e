package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The textbook lesson on x_t = sin(0.01 t) + N(0, 0.2²), τ = 4, 1 000 points, one fixed seed. */
class FfArLessonTest {
    static final double NOISE_VAR = 0.04;

    @Test
    void shouldLearnOneStepToNoiseLevelAndShowDirectBeatsRecursiveAt64() {
        double[] x = Series.noisySine(1000, 0.2, 11);
        // One series alone: an Adam step (lr 0.03, 32 rows) after every value, as a single-series user would set it.
        FfArConfig base = new FfArConfig(4, 10, 2, MultiStep.RECURSIVE, 64, 1, 64, 32, 4096, 0.03, 7, Seasons.NONE,
                EngineConfig.DEFAULT_SEASON_HISTORY);
        List<Step> recursive = NeuralEngines.ffar(base).step(Series.one("s", x));
        List<Step> direct = NeuralEngines.ffar(base.withStrategy(MultiStep.DIRECT)).step(Series.one("s", x));

        double oneStep = Series.mse(recursive, x, 1, 500, 1000);
        double rec64 = Series.mse(recursive, x, 64, 500, 1000);
        double dir64 = Series.mse(direct, x, 64, 500, 1000);
        System.out.printf("ffar sine: 1-step MSE %.4f (noise %.2f), 64-step recursive %.4f, direct %.4f%n",
                oneStep, NOISE_VAR, rec64, dir64);
        assertTrue(oneStep <= 1.5 * NOISE_VAR, "1-step MSE " + oneStep);
        assertTrue(rec64 > 2 * oneStep, "recursive 64-step " + rec64 + " vs 1-step " + oneStep);
        assertTrue(dir64 < rec64, "direct 64-step " + dir64 + " vs recursive " + rec64);
    }
}
