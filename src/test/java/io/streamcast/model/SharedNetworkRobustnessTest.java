package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.series.Observation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One hostile series must not poison the network that the other series share. */
class SharedNetworkRobustnessTest {

    @Test
    void shouldKeepForecastingOtherSeriesWellBesideAHostileOne() {
        double[] calm = Series.noisySine(600, 0.1, 4);
        List<Observation> obs = new ArrayList<>();
        for (int t = 0; t < calm.length; t++) {
            double hostile = switch (t % 4) {
                case 0 -> 1e300;
                case 1 -> -1e300;
                case 2 -> t > 300 ? 1e-300 : 5e7 * t;
                default -> t % 8 == 3 ? Double.POSITIVE_INFINITY : -Double.MAX_VALUE;
            };
            obs.add(new Observation("hostile", t, hostile));
            obs.add(new Observation("calm", t, calm[t]));
        }
        for (Engine e : List.of(NeuralEngines.ffar(FfArConfig.defaults(4, 1)),
                NeuralEngines.lstm(LstmConfig.defaults(4, 1).withTraining(2, 16)))) {
            List<Step> steps = e.step(obs);
            List<Step> mine = new ArrayList<>();
            for (Step s : steps) {
                if (s.observation().series().equals("calm")) {
                    mine.add(s);
                }
                for (int h = 1; h <= 4; h++) {
                    assertTrue(Double.isFinite(s.forecast().mean(h)), e.name() + " finite forecast " + s);
                }
            }
            double mse = Series.mse(mine, calm, 1, 300, 600);
            // A poisoned (NaN) network would leave only the fallback: the last value repeated.
            long fromNetwork = mine.subList(300, 600).stream()
                    .filter(s -> s.forecast().mean(1) != s.observation().value()).count();
            assertTrue(fromNetwork == 300, e.name() + ": only " + fromNetwork + " of 300 forecasts from the network");
            System.out.printf("%s beside a hostile series: calm 1-step MSE %.4f (noise 0.01)%n", e.name(), mse);
            assertTrue(mse < 0.03, e.name() + ": calm series' 1-step MSE " + mse);
        }
    }
}
