package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code auto} combines its members per horizon step by their settled error at that step. */
class AutoEngineTest {

    @Test
    void shouldDoAboutAsWellAsItsBestMemberAndFarBetterThanArOnANonlinearSeries() {
        double[] x = Series.noisyLogistic(1200, 0.02, 5);
        EngineConfig config = EngineConfig.of(1).withSeed(3).withSeasons(Seasons.NONE);
        double auto = rmse(Engines.create("auto", config).step(Series.one("m", x)), x);
        double ar = rmse(Engines.create("ar", config).step(Series.one("m", x)), x);
        double ffar = rmse(Engines.create("ffar", config).step(Series.one("m", x)), x);
        double lstm = rmse(Engines.create("lstm", config).step(Series.one("m", x)), x);
        double best = Math.min(ar, Math.min(ffar, lstm));
        System.out.printf("auto on the logistic map: RMSE %.4f; AR %.4f, FF-AR %.4f, LSTM %.4f%n", auto, ar, ffar, lstm);
        assertTrue(auto <= 1.1 * best, "auto " + auto + " vs its best member " + best);
        assertTrue(auto <= 0.85 * ar, "auto " + auto + " vs AR " + ar);
    }

    private static double rmse(List<Step> steps, double[] x) {
        return Math.sqrt(Series.mse(steps, x, 1, 800, 1200));
    }

    @Test
    void shouldEmitTheBestMembersForecastAtEachStepWhenAskedForTheBest() {
        double[] x = Series.noisySine(300, 0.1, 2);
        EngineConfig config = EngineConfig.of(3).withSeed(1).with(AutoEngine.PREFIX + "members", "ar,ffar")
                .with(AutoEngine.PREFIX + "combine", "best");
        List<Step> auto = Engines.create("auto", config).step(Series.one("s", x));
        List<Step> ar = Engines.create("ar", config).step(Series.one("s", x));
        List<Step> ffar = Engines.create("ffar", config).step(Series.one("s", x));
        int fromAr = 0;
        for (int t = 100; t < x.length; t++) {
            double[] a = auto.get(t).forecast().mean();
            for (int h = 0; h < a.length; h++) {
                double fromA = ar.get(t).forecast().mean()[h];
                double fromF = ffar.get(t).forecast().mean()[h];
                assertTrue(a[h] == fromA || a[h] == fromF, "t=" + t + " step " + (h + 1) + ": " + a[h]);
                fromAr += a[h] == fromA ? 1 : 0;
            }
            assertEquals("auto", auto.get(t).forecast().model());
        }
        assertTrue(fromAr > 0, "AR, the better member on a sine, is chosen");
    }

    @Test
    void shouldAverageItsMembersWhenAskedForTheMean() {
        double[] x = Series.noisySine(200, 0.1, 4);
        EngineConfig config = EngineConfig.of(2).withSeed(1).with(AutoEngine.PREFIX + "members", "ar,ffar")
                .with(AutoEngine.PREFIX + "combine", "mean");
        List<Step> auto = Engines.create("auto", config).step(Series.one("s", x));
        List<Step> ar = Engines.create("ar", config).step(Series.one("s", x));
        List<Step> ffar = Engines.create("ffar", config).step(Series.one("s", x));
        for (int t = 0; t < x.length; t++) {
            for (int h = 1; h <= 2; h++) {
                double mean = (ar.get(t).forecast().mean(h) + ffar.get(t).forecast().mean(h)) / 2;
                assertEquals(mean, auto.get(t).forecast().mean(h), 1e-12 * Math.abs(mean), "t=" + t);
            }
        }
    }

    @Test
    void shouldTrackEachHorizonStepsErrorApart() {
        // member 0 is right one step ahead and wrong three steps ahead; member 1 the other way round
        HorizonErrors errors = new HorizonErrors(2, 3);
        double[] y = new double[200];
        for (int t = 0; t < y.length; t++) {
            y[t] = t % 7;
        }
        for (int t = 0; t + 3 < y.length; t++) {
            errors.observe(y[t]);
            errors.record(new double[][] {{y[t + 1], 0, y[t + 3] + 5}, {y[t + 1] + 5, 0, y[t + 3]}});
        }
        assertEquals(0.0, errors.error(0, 1));
        assertEquals(5.0, errors.error(1, 1));
        assertEquals(5.0, errors.error(0, 3));
        assertEquals(0.0, errors.error(1, 3));
    }

    @Test
    void shouldRefuseUnknownMembersAndCombinationsByName() {
        assertEquals("streamcast.model.auto.members must name models among [ar, ffar, lstm], got 'arima'",
                assertThrows(IllegalArgumentException.class, () -> Engines.create("auto",
                        EngineConfig.of(1).with(AutoEngine.PREFIX + "members", "ar,arima"))).getMessage());
        assertEquals("streamcast.model.auto.combine must be weighted, mean or best, got 'median'",
                assertThrows(IllegalArgumentException.class, () -> Engines.create("auto",
                        EngineConfig.of(1).with(AutoEngine.PREFIX + "combine", "median"))).getMessage());
    }
}
