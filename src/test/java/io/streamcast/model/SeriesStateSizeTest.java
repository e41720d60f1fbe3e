package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.anomaly.AnomalyDetector;
import io.streamcast.series.Observation;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-series state the service writes with every event — the engine's state of the series plus
 * the anomaly detector's — stays within issue 7's bounds: 8·(p+1)² bytes (the RLS P matrix) + 2 KB
 * for an AR(p) series, 4 KB beside the shared networks for FF-AR and LSTM. Sizes are deterministic;
 * the largest over the whole run (warm-up included) is what is checked. Issue 12 raised the AR bound by
 * 256 bytes: its detector keeps multi-scale statistics (≈ 410 bytes with three scales, 113 before), which
 * put the two largest cases (seasonal AR at H = 48, AR(8) at H = 168) 17 bytes over the old bound.
 * A seasonal series' detector (season ≥ 16) also keeps a shape memory of past seasons: 256 segments'
 * summaries of 8 bytes plus 76 bytes, {@value #SHAPE_STATE} in all, on top of that bound.
 */
class SeriesStateSizeTest {

    /** The detector's shape memory with the default 256 summaries: codes, window, counters, its judgement. */
    private static final int SHAPE_STATE = 256 * 8 + 8 * 4 + 32 + 12;

    @ParameterizedTest(name = "ar order {0}, season {1}, horizon {2}")
    @CsvSource({
        "8, 0, 10",   // the service defaults: AR(8), H = 10
        "8, 0, 24",
        "2, 24, 10",  // with a season: lags 1, 2, 24, 48 and seasonal differencing
        "2, 24, 24",
        "24, 0, 24",
        "1, 0, 1",
        "48, 0, 48",
        "2, 24, 48",
        "8, 0, 168"}) // a week of hours: long steps settle every (h/16)-th origin only
    void arStateStaysWithinThePMatrixPlusTwoKilobytes(int order, int season, int horizon) {
        EngineConfig cfg = EngineConfig.of(horizon).withSeason(season).with("streamcast.model.ar.order", "" + order);
        int p = ArConfig.from(cfg).lags().length;
        long bound = 8L * (p + 1) * (p + 1) + 2048 + 256 + (season >= 16 ? SHAPE_STATE : 0);
        long largest = largestState(Engines.create("ar", cfg), season, 400);
        assertTrue(largest <= bound, "AR(" + p + ") H=" + horizon + ": " + largest + " bytes, bound " + bound);
    }

    @ParameterizedTest(name = "{0} at horizon 24")
    @CsvSource({"ffar", "lstm"})
    void neuralSeriesStateStaysWithinFourKilobytes(String model) {
        // every part of a neural series' state has its full size once its last values are kept (16) and
        // the detector has used its 16 seed residuals: 24 values cover the largest state
        long largest = largestState(Engines.create(model, EngineConfig.of(24)), 0, 24);
        assertTrue(largest <= 4096, model + " H=24: " + largest + " bytes, bound 4096");
    }

    /** Steps one series of a noisy daily cycle and returns the largest engine + detector state seen. */
    private static long largestState(Engine engine, int season, int values) {
        AnomalyDetector detector = AnomalyDetector.create(AnomalyConfig.defaults().withSeason(season));
        SplittableRandom rnd = new SplittableRandom(11);
        long largest = 0;
        for (int t = 0; t < values; t++) {
            double v = 50 + 10 * Math.sin(2 * Math.PI * t / 24) + rnd.nextGaussian();
            Step s = engine.step(List.of(new Observation("s", t * 60_000L, v))).get(0);
            detector.observe(v, s.expected());
            largest = Math.max(largest, engine.seriesState("s").length + detector.snapshot().length);
        }
        return largest;
    }
}
