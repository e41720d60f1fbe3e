package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** On a chaotic series a linear AR cannot follow, the LSTM learns the map online. */
class LstmNonlinearTest {

    @Test
    void shouldBeatArByThirtyPercentOnTheNoisyLogisticMap() {
        double[] x = Series.noisyLogistic(1500, 0.02, 3);
        // One series alone, as a single-series user would set it (the defaults are for many series): an Adam
        // step (lr 0.01) on 32 sequences of L = 8 windows of 16 values every 4 values.
        LstmConfig c = new LstmConfig(32, 1, false, 16, 8, 8, 1.0, MultiStep.RECURSIVE, 1, 4, 64, 32, 2048, 0.01, 7,
                Seasons.NONE, EngineConfig.DEFAULT_SEASON_HISTORY);
        List<Step> steps = NeuralEngines.lstm(c).step(Series.one("logistic", x));

        List<Step> arSteps = Engines.create("ar", EngineConfig.of(1).withSeed(7)).step(Series.one("logistic", x));

        double lstm = Math.sqrt(Series.mse(steps, x, 1, 1000, 1500));
        double onlineAr = Math.sqrt(Series.mse(arSteps, x, 1, 1000, 1500));
        double hindsightAr = LeastSquaresAr.rmse(x, 4, 1000, 1500);
        System.out.printf("logistic map: LSTM 1-step RMSE %.4f, online AR (default) %.4f, AR(4) least squares in"
                + " hindsight %.4f%n", lstm, onlineAr, hindsightAr);
        assertTrue(lstm <= 0.7 * onlineAr, "LSTM RMSE " + lstm + " vs online AR " + onlineAr);
        assertTrue(lstm <= 0.7 * hindsightAr, "LSTM RMSE " + lstm + " vs hindsight AR " + hindsightAr);
    }
}
