package io.streamcast.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.model.Engine;
import io.streamcast.model.EngineConfig;
import io.streamcast.model.Forecast;
import io.streamcast.model.Step;
import io.streamcast.series.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The driver on the series of src/test/resources/evaluate/quarterly-*.csv (m = 4, horizon 4) with a
 * scripted model whose forecasts and intervals are known, every figure worked out by hand.
 */
class BacktestTest {
    static final Map<String, double[]> TRAIN = new LinkedHashMap<>();
    static final Map<String, double[]> TEST = new LinkedHashMap<>();

    static {
        TRAIN.put("S", Naive2Test.S);
        TRAIN.put("R", Naive2Test.R);
        TRAIN.put("N", new double[] {5, 7, 6, 8, 7, 9, 8, 10});
        TEST.put("S", new double[] {18, 28.5, 39, 29.5});
        TEST.put("R", new double[] {13, 23, 33, 23});
        TEST.put("N", new double[] {9, 11, 10, 12});
    }

    /** Forecasts last value + 1 at every step, interval ± 2. */
    static final class PlusOne implements Engine {
        private final int horizon;
        private final Map<String, Double> last = new HashMap<>();

        PlusOne(int horizon) {
            this.horizon = horizon;
        }

        @Override
        public String name() {
            return "plus1";
        }

        @Override
        public List<Step> step(List<Observation> batch) {
            List<Step> out = new ArrayList<>();
            for (Observation o : batch) {
                Double before = last.put(o.series(), o.value());
                double[] mean = new double[horizon];
                double[] lo = new double[horizon];
                double[] hi = new double[horizon];
                for (int h = 0; h < horizon; h++) {
                    mean[h] = o.value() + 1;
                    lo[h] = mean[h] - 2;
                    hi[h] = mean[h] + 2;
                }
                out.add(new Step(o, before == null ? Double.NaN : before + 1, new Forecast(name(), mean, lo, hi)));
            }
            return out;
        }

        @Override
        public byte[] seriesState(String series) {
            return null;
        }

        @Override
        public void loadSeries(String series, byte[] state) {}

        @Override
        public void evict(String series) {}

        @Override
        public byte[] sharedState() {
            return new byte[0];
        }

        @Override
        public void loadShared(byte[] state) {}
    }

    private static Backtest run(Backtest.Protocol p, Engine model) {
        Backtest b = new Backtest(List.of(model), EngineConfig.of(p.horizon()), p);
        int longest = 16;
        for (int t = 0; t < longest; t++) { // aligned at the ends, as the wide reader streams them
            List<Observation> batch = new ArrayList<>();
            for (Map.Entry<String, double[]> e : TRAIN.entrySet()) {
                int i = t - (longest - e.getValue().length);
                if (i >= 0) {
                    batch.add(new Observation(e.getKey(), t, e.getValue()[i]));
                }
            }
            b.step(batch);
        }
        return b;
    }

    @Test
    void shouldScoreFinalForecastsAgainstTheFutureByHand() {
        Backtest b = run(new Backtest.Protocol(4, 4, 4, 0.95, 8, false), new PlusOne(4));
        Backtest.Result r = b.holdout(TEST);
        Accuracy.Scores m = r.models().get(0);
        // forecasts 28.5 (S, interval 26.5..30.5), 23 (R, 21..25), 11 (N, 9..13); scales 2, 1, 2
        double smape = 200 * (10.5 / 46.5 + 0 + 10.5 / 67.5 + 1 / 58.0 + 10 / 36.0 + 0 + 10 / 56.0 + 0 + 2 / 20.0 + 0
                + 1 / 21.0 + 1 / 23.0) / 12;
        assertEquals(smape, m.smape(), 1e-9);
        assertEquals((10.5 / 2 + 0 + 10.5 / 2 + 1 / 2.0 + 10 + 0 + 10 + 0 + 1 + 0 + 0.5 + 0.5) / 12, m.mase(), 1e-12);
        // IS: width 4, plus 40 per unit outside: S 344, 4, 344, 4 (/2); R 324, 4, 324, 4 (/1); N 4 each (/2)
        assertEquals(((344 + 4 + 344 + 4) / 2.0 + (324 + 4 + 324 + 4) + 4 * 4 / 2.0) / 12, m.msis(), 1e-12);
        assertEquals(8 / 12.0, m.coverage(), 1e-12); // S 2 of 4, R 2 of 4, N 4 of 4 (9 on the bound counts)
        Accuracy.Scores naive2 = r.baselines().get(2);
        assertEquals(Backtest.NAIVE2, naive2.name());
        assertEquals((m.smape() / naive2.smape() + m.mase() / naive2.mase()) / 2, m.owa(), 1e-12);
        assertEquals(3, r.seriesScored());
        assertEquals(1, r.naive2Seasonal(), "S is adjusted, R is rejected by the test, N is too short to test");
    }

    @Test
    void shouldGiveTheBaselinesTheirM4Forecasts() {
        Backtest.Result r = run(new Backtest.Protocol(4, 4, 4, 0.95, 8, false), new PlusOne(4)).holdout(TEST);
        Accuracy.Scores naive = r.baselines().get(0);
        Accuracy.Scores snaive = r.baselines().get(1);
        Accuracy.Scores naive2 = r.baselines().get(2);
        assertEquals("naive", naive.name());
        assertEquals("snaive(4)", snaive.name());
        // naive: last values 27.5, 22, 10. |e|/s: S 4.75 .5 5.75 1; R 9 1 11 1; N .5 .5 0 1
        assertEquals(36.0 / 12, naive.mase(), 1e-12);
        // seasonal naive: the last cycle repeated. S 16 26.5 37 27.5 -> errors 2 2 2 2 (/2); R 12 22 32 22 -> 1 1 1 1;
        // N 7 9 8 10 -> 2 2 2 2 (/2)
        assertEquals((4 + 4 + 4) / 12.0, snaive.mase(), 1e-12);
        assertEquals(200 * (2 / 34.0 + 2 / 55.0 + 2 / 76.0 + 2 / 57.0 + 1 / 25.0 + 1 / 45.0 + 1 / 65.0 + 1 / 45.0
                + 2 / 16.0 + 2 / 20.0 + 2 / 18.0 + 2 / 22.0) / 12, snaive.smape(), 1e-9);
        // Naive2: S adjusted (Naive2Test's hand-worked figure), R and N plain naive
        double[] s = Naive2.forecast(Naive2Test.S, 4, 4);
        double maseS = 0;
        for (int h = 0; h < 4; h++) {
            maseS += Math.abs(TEST.get("S")[h] - s[h]) / 2;
        }
        assertEquals((maseS + 22 + 2) / 12, naive2.mase(), 1e-12);
        assertEquals(1.0, naive2.owa(), 1e-12);
    }

    @Test
    void shouldScorePrequentiallyEveryOriginAfterTheBurnIn() {
        // One series 1, 2, ..., 10; model forecasts last + 1 (exact), burn-in 3, horizon 2, m = 1.
        Backtest b = new Backtest(List.of(new PlusOne(2)), EngineConfig.of(2), new Backtest.Protocol(2, 1, 0, 0.9, 3, true));
        for (int t = 0; t < 10; t++) {
            b.step(List.of(new Observation("a", t, t + 1)));
        }
        Backtest.Result r = b.prequential();
        Accuracy.Scores m = r.models().get(0);
        // origins with >= 3 values: after 3..9 values; step 1 scored for origins 3..9 (7), step 2 for 3..8 (6)
        assertEquals(13, m.pairs());
        assertEquals(6 / 13.0 * 1.0, m.mase(), 1e-12); // step 1 exact; step 2 off by 1 (last + 1 instead of + 2), scale 1
        Accuracy.Scores naive = r.baselines().get(0);
        assertEquals((7 * 1 + 6 * 2) / 13.0, naive.mase(), 1e-12);
        assertEquals(2, r.baselines().size(), "no seasonal naive without a period");
        assertEquals(1.0, r.baselines().get(1).owa(), 1e-12);
    }

    @Test
    void shouldRefuseAFutureLongerThanTheHorizonOrForAnUnknownSeries() {
        Backtest b = run(new Backtest.Protocol(3, 4, 4, 0.95, 8, false), new PlusOne(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.holdout(TEST));
        assertTrue(e.getMessage().contains("series 'S' has 4 future values but the horizon is 3"), e.getMessage());
        Backtest c = run(new Backtest.Protocol(4, 4, 4, 0.95, 8, false), new PlusOne(4));
        e = assertThrows(IllegalArgumentException.class, () -> c.holdout(Map.of("X", new double[] {1})));
        assertTrue(e.getMessage().contains("series 'X' has a future but no input values"), e.getMessage());
    }
}
