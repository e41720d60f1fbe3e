package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.anomaly.AnomalyDetector;
import io.streamcast.series.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * State stored by earlier releases (files in src/test/resources/legacy-state, written by the code
 * of commit 2faa92d from 400 values of a noisy daily cycle) still loads after the interval format
 * changed (issue 7) and after AR began choosing its own lags (issue 11): an upgraded service carries
 * on with its series instead of starting them afresh. A baseline keeps its forecast bit for bit; an AR
 * of fixed lags becomes today's AR by learning the lag window it stored, keeping its intervals.
 */
class LegacyStateTest {
    private static final Path DIR = Path.of("src/test/resources/legacy-state");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ar, ar-season24-h24.local1-ar2.bin, ar-season24-h24.forecast.csv",
        "snaive, snaive-season24-h24.local1-snaive.bin, snaive-season24-h24.forecast.csv"})
    void shouldLoadALocalSeriesOfThePreviousFormatWithItsForecastAndWidths(String model, String state, String forecast)
            throws Exception {
        EngineConfig cfg = EngineConfig.of(24).withSeason(24);
        Engine engine = Engines.create(model, cfg);
        engine.loadSeries("s", Files.readAllBytes(DIR.resolve(state)));
        List<String> old = Files.readAllLines(DIR.resolve(forecast)); // h,mean,lo,hi
        Forecast now = engine.step(List.of(new Observation("s", 400 * 60_000L, Double.NaN))).get(0).forecast();
        for (int h = 1; h <= 24; h++) {
            String[] f = old.get(h - 1).split(",");
            double oldMean = Double.parseDouble(f[1]);
            if (model.equals("snaive")) {
                assertEquals(oldMean, now.mean(h), 0.0, "mean at step " + h); // recomputed from the stored window
            } else {
                // today's AR, having learned the stored 48-value window, forecasts the same daily cycle
                assertEquals(oldMean, now.mean(h), 3.0, "mean at step " + h);
            }
            double oldWidth = Double.parseDouble(f[3]) - Double.parseDouble(f[2]);
            double width = now.hi(h) - now.lo(h);
            // the widths come from the converted error windows: close to what the old quantiles gave
            assertEquals(oldWidth, width, 0.3 * oldWidth, "interval width at step " + h);
        }
        byte[] upgraded = engine.seriesState("s");
        assertTrue(upgraded.length < 8192, "rewritten in today's format: " + upgraded.length + " bytes");
        Engine again = Engines.create(model, cfg);
        again.loadSeries("s", upgraded);
        Observation next = new Observation("s", 401 * 60_000L, 95.0);
        assertEquals(engine.step(List.of(next)).get(0).forecast(), again.step(List.of(next)).get(0).forecast());
    }

    @Test
    void shouldLoadAnLstmSeriesOfThePreviousFormat() throws Exception {
        Engine lstm = Engines.create("lstm", EngineConfig.of(12));
        lstm.loadSeries("s", Files.readAllBytes(DIR.resolve("lstm-h12.neural-series1.bin")));
        Forecast f = lstm.step(List.of(new Observation("s", 120 * 60_000L, 101.0))).get(0).forecast();
        for (int h = 1; h <= 12; h++) {
            assertTrue(Double.isFinite(f.mean(h)) && f.lo(h) < f.mean(h) && f.mean(h) < f.hi(h), "step " + h + ": " + f);
        }
    }

    @Test
    void shouldMigrateDetectorStateOfVersionOneToTheMultiScaleDetector() throws Exception {
        // the residual location and scale carry over; the multi-scale statistics start afresh
        byte[] v1 = Files.readAllBytes(DIR.resolve("detector.v1.bin"));
        AnomalyDetector d = AnomalyDetector.restore(AnomalyConfig.defaults(), v1);
        byte[] current = d.snapshot();
        assertEquals(241, v1.length);
        assertEquals(4, current[0], "rewritten in the current format");
        AnomalyDetector e = AnomalyDetector.restore(AnomalyConfig.defaults(), current);
        for (int t = 0; t < 50; t++) {
            double residual = Math.sin(t) + (t == 40 ? 30 : 0);
            assertEquals(d.observeResidual(residual), e.observeResidual(residual));
        }
        assertArrayEquals(d.snapshot(), e.snapshot());
    }
}
