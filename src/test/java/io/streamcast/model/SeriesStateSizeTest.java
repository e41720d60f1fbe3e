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
 * the anomaly detector's — stays within stated bounds. Issue 7 set 8·(p+1)² + 2 KB for AR(p) and
 * 4 KB for a neural series; issue 11 (seasons found per series, lags chosen per series) adds what
 * that costs, and the bounds say it: the season detector's history (4 bytes per value, 1 008 by
 * default, only when seasons are detected), the lag window reaching back a season, and two fits (on
 * values and on seasonal differences) each with the Gram matrix of every lag offered. Issue 12 added
 * 256 bytes of the detector's multi-scale statistics, and for a series whose detector knows a season of
 * at least 16 its shape memory of past seasons: 256 segments' summaries of 8 bytes plus 76 bytes,
 * {@value #SHAPE_STATE} in all. Sizes are deterministic; the largest over the whole run (warm-up
 * included) is what is checked.
 */
class SeriesStateSizeTest {

    /** The detector's shape memory with the default 256 summaries: codes, window, counters, its judgement. */
    private static final int SHAPE_STATE = 256 * 8 + 8 * 4 + 32 + 12;

    @ParameterizedTest(name = "ar order {0}, seasons {1}, horizon {2}")
    @CsvSource({
        "8, auto, 10",   // the service defaults: orders up to 8, seasons detected, H = 10
        "8, auto, 24",
        "8, none, 10",
        "2, 24, 10",     // a fixed season: lag 24 offered, and the fit on seasonal differences
        "2, 24, 24",
        "24, none, 24",
        "1, none, 1",
        "48, none, 48",
        "2, 24, 48",
        "8, auto, 168"}) // a week of hours: long steps settle every (h/16)-th origin only
    void arStateStaysWithinItsBound(int order, String seasons, int horizon) {
        EngineConfig cfg = EngineConfig.of(horizon).withSeasons(Seasons.parse("seasons", seasons))
                .with("streamcast.model.ar.order", "" + order);
        ArConfig ar = ArConfig.from(cfg);
        int longest = seasons.equals("auto") ? 24 : ar.seasons().longest(); // the daily cycle below is found
        int offered = order + (longest > 0 ? 1 : 0) + 1;
        long detector = ar.seasons().detect() ? 4L * ar.history() + 64 : 0;
        long window = 8L * (Math.max(order, longest) + longest);
        long fits = 2 * 8L * offered * (offered + 1) + 256;
        long horizonErrors = 2 * 4L * 5 * ConformalIntervals.trackedSteps(horizon).length + 8L * horizon;
        int detectorSeason = ar.seasons().shortest(); // the service gives the detector a configured season only
        long bound = detector + window + fits + horizonErrors + 2048 + 256 + (detectorSeason >= 16 ? SHAPE_STATE : 0);
        long largest = largestState(Engines.create("ar", cfg), detectorSeason, 1_500);
        assertTrue(largest <= bound, "AR up to " + order + ", seasons " + seasons + ", H=" + horizon + ": " + largest
                + " bytes, bound " + bound);
    }

    @ParameterizedTest(name = "{0} at horizon 24, seasons {1}")
    @CsvSource({"ffar, none", "lstm, none", "ffar, auto", "lstm, auto"})
    void neuralSeriesStateStaysWithinItsBound(String model, String seasons) {
        // the recent values a series keeps (τ + H for FF-AR), 4 KB beside them, and the season detector's
        // history when seasons are detected
        EngineConfig cfg = EngineConfig.of(24).withSeasons(Seasons.parse("seasons", seasons));
        long detector = seasons.equals("auto") ? 4L * cfg.seasonHistory() + 64 + 4 * 24 + 8 : 0;
        long bound = 8L * (FfArConfig.defaultLags(24) + 24) + 4096 + detector;
        long largest = largestState(Engines.create(model, cfg), 0, 1_500);
        assertTrue(largest <= bound, model + " H=24: " + largest + " bytes, bound " + bound);
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
