package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One spike must not wreck AR's forecasts; a real level shift must still be followed. */
class ArOutlierTest {

    /** A quiet sine of period 24 around 10, with a jump of 40 at t = 120 (one step, or from then on). */
    private static double value(int t, SplittableRandom rnd, boolean permanent) {
        double v = 10 + 3 * Math.sin(2 * Math.PI * t / 24) + 0.1 * (rnd.nextDouble() - 0.5);
        return (permanent ? t >= 120 : t == 120) ? v + 40 : v;
    }

    private static double worstErrorAfter(EngineConfig config, boolean permanent, int from) {
        ArForecaster ar = new ArForecaster(ArConfig.from(config));
        SplittableRandom rnd = new SplittableRandom(7);
        double worst = 0;
        for (int t = 0; t < 200; t++) {
            double v = value(t, rnd, permanent);
            double expected = ar.forecast(1).mean(1);
            if (t >= from) {
                worst = Math.max(worst, Math.abs(v - expected));
            }
            ar.learn(v);
        }
        return worst;
    }

    @Test
    void shouldForecastAsBeforeRightAfterASingleSpike() {
        double worst = worstErrorAfter(EngineConfig.of(5), false, 121);
        assertTrue(worst < 0.5, "worst one-step error after the spike: " + worst);
    }

    @Test
    void shouldShowThatTheSpikeWrecksAModelLearningEveryValueAsItIs() {
        // The same input with cleaning off: the spike enters coefficients and lag window (this is why it exists).
        double worst = worstErrorAfter(EngineConfig.of(5).with("streamcast.model.ar.outlier-k", "0"), false, 121);
        assertTrue(worst > 5, "worst one-step error after the spike without cleaning: " + worst);
    }

    @Test
    void shouldFollowALevelShiftWithinAFewSteps() {
        // The second value in a row beyond the limit confirms the shift (t = 121) and the one before it is put
        // back; from t = 130 the 8 lags hold only values after the shift.
        double worst = worstErrorAfter(EngineConfig.of(5), true, 130);
        double uncleaned = worstErrorAfter(EngineConfig.of(5).with("streamcast.model.ar.outlier-k", "0"), true, 130);
        assertTrue(worst < 1.5 && worst <= uncleaned, "worst one-step error from t = 130: " + worst
                + " (learning every value as it is: " + uncleaned + ")");
    }

    @Test
    void shouldRestoreTheCleanerStateExactly() {
        ArConfig cfg = ArConfig.from(EngineConfig.of(5));
        ArForecaster a = new ArForecaster(cfg);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int t = 0; t < 121; t++) {
            a.learn(value(t, rnd, false));
        }
        ArForecaster b = ArForecaster.restore(cfg, a.snapshot());
        for (int t = 121; t < 200; t++) {
            double v = value(t, rnd, false);
            a.learn(v);
            b.learn(v);
            assertEquals(a.forecast(5), b.forecast(5));
        }
    }
}
