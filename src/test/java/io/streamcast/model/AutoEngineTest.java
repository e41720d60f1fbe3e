package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code auto} follows the member that forecasts a series best, and says which one it is. */
class AutoEngineTest {

    @Test
    void shouldLeaveArForANetworkOnANonlinearSeries() {
        double[] x = Series.noisyLogistic(1200, 0.02, 5);
        EngineConfig config = EngineConfig.of(1).withSeed(3);
        List<Step> auto = Engines.create("auto", config).step(Series.one("m", x));
        List<Step> ar = Engines.create("ar", config).step(Series.one("m", x));

        double autoRmse = Math.sqrt(Series.mse(auto, x, 1, 800, 1200));
        double arRmse = Math.sqrt(Series.mse(ar, x, 1, 800, 1200));
        long fromAr = auto.subList(800, 1200).stream().filter(s -> s.forecast().model().equals("ar")).count();
        System.out.printf("auto on the logistic map: RMSE %.4f (AR alone %.4f), %d of the last 400 forecasts from AR,"
                + " last from %s%n", autoRmse, arRmse, fromAr, auto.get(1199).forecast().model());
        assertNotEquals("ar", auto.get(1199).forecast().model());
        assertTrue(autoRmse < 0.7 * arRmse, "auto " + autoRmse + " vs AR " + arRmse);
    }

    @Test
    void shouldEmitTheChosenMembersForecastUnchanged() {
        double[] x = Series.noisySine(300, 0.1, 2);
        EngineConfig config = EngineConfig.of(3).withSeed(1);
        List<Step> auto = Engines.create("auto", config).step(Series.one("s", x));
        List<Step> ar = Engines.create("ar", config).step(Series.one("s", x));
        List<Step> ffar = Engines.create("ffar", config).step(Series.one("s", x));
        for (int t = 0; t < x.length; t++) {
            Forecast f = auto.get(t).forecast();
            Forecast member = switch (f.model()) {
                case "ar" -> ar.get(t).forecast();
                case "ffar" -> ffar.get(t).forecast();
                default -> null;
            };
            if (member != null) {
                assertEquals(member, f, "t=" + t);
            }
        }
    }
}
