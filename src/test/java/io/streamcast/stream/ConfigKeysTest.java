package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.model.SettingKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys that say what they do: misspelt ones refused by name in every namespace, globs as users know them. */
class ConfigKeysTest {

    private static String refused(Map<String, String> config) {
        return assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.from(config)).getMessage();
    }

    @Test
    void shouldKnowEveryDocumentedModelIntervalAndDetectorKey() {
        for (String k : List.of("order", "seasonal-lags", "criterion", "select-every", "forgetting", "delta", "huber-k",
                "transform", "boxcox-lambda", "outlier-k", "outlier-confirm", "shift-memory")) {
            assertTrue(SettingKeys.known().contains("streamcast.model.ar." + k), k);
        }
        for (String k : List.of("lags", "hidden", "layers", "strategy", "train-every", "values-per-step", "batch",
                "buffer", "learning-rate")) {
            assertTrue(SettingKeys.known().contains("streamcast.model.ffar." + k), k);
        }
        for (String k : List.of("members", "combine", "parallel")) {
            assertTrue(SettingKeys.known().contains("streamcast.model.auto." + k), k);
        }
        for (String k : List.of("streamcast.model.season", "streamcast.model.season.history")) {
            assertTrue(SettingKeys.known().contains(k), k);
        }
        for (String k : List.of("intercept", "seasonal-differencing")) { // gone with issue 11: refused by name
            assertTrue(!SettingKeys.known().contains("streamcast.model.ar." + k), k);
        }
        for (String k : List.of("units", "layers", "peephole", "sequence-length", "tbptt", "clip", "strategy",
                "train-every", "batch", "buffer", "learning-rate")) {
            assertTrue(SettingKeys.known().contains("streamcast.model.lstm." + k), k);
        }
        for (String k : List.of("coverage", "window", "gamma", "min-errors")) {
            assertTrue(SettingKeys.known().contains("streamcast.intervals." + k), k);
        }
        for (String k : List.of("threshold", "warmup", "residual-window", "long-window", "scales", "tail-decades",
                "half-life", "season", "shape-memory")) {
            assertTrue(KnownSettings.known().contains("streamcast.anomaly." + k), k);
        }
        for (String k : List.of("refractory", "short-window", "learn-from-flagged")) { // gone with issue 12
            assertTrue(!KnownSettings.known().contains("streamcast.anomaly." + k), k);
        }
        assertTrue(SettingKeys.known().contains("streamcast.model.season"));
    }

    @Test
    void shouldAcceptEveryKnownKeyWithAValidValue() {
        RuntimeConfig c = RuntimeConfig.from(Map.of("streamcast.model.ar.order", "4", "streamcast.model.lstm.units",
                "16", "streamcast.intervals.window", "40", "streamcast.anomaly.half-life", "300",
                "streamcast.model.season", "24"));
        assertEquals("4", c.service().modelSettings().get("streamcast.model.ar.order"));
    }

    @Test
    void shouldRefuseAMisspeltKeyInEveryNamespaceByName() {
        String ar = refused(Map.of("streamcast.model.ar.ordr", "4"));
        assertTrue(ar.startsWith("unknown configuration key streamcast.model.ar.ordr; did you mean "
                + "streamcast.model.ar.order?"), ar);
        assertTrue(ar.contains("streamcast.model.ar.* has: "), ar);
        assertTrue(refused(Map.of("streamcast.model.ffar.hiden", "8")).contains("streamcast.model.ffar.hiden"));
        assertTrue(refused(Map.of("streamcast.model.lstm.unit", "8")).contains("streamcast.model.lstm.unit"));
        assertTrue(refused(Map.of("streamcast.intervals.windw", "8")).contains("streamcast.intervals.windw"));
        assertTrue(refused(Map.of("streamcast.anomaly.treshold", "0.5")).contains("did you mean "
                + "streamcast.anomaly.threshold?"));
        assertTrue(refused(Map.of("streamcast.model.arima.order", "2")).contains("streamcast.model.arima.order"));
        assertTrue(refused(Map.of("streamcast.resample.stepp", "1m")).contains("streamcast.resample.stepp"));
        assertTrue(refused(Map.of("streamcast.http.prot", "1")).contains("streamcast.http.prot"));
        assertTrue(refused(Map.of("streamcast.create-topics.retension", "1d"))
                .contains("streamcast.create-topics.retension"));
        assertTrue(refused(Map.of("streamcast.rules.x.mach", "a*")).contains("streamcast.rules.x.mach"));
    }

    @Test
    void shouldMatchRulesWithCharacterClassesAndAlternatives() {
        ServiceConfig c = ServiceConfig.from(Map.of("streamcast.rules.a.match", "series-0[0-3]",
                "streamcast.rules.a.model", "naive", "streamcast.rules.b.match", "{pump,valve}-*",
                "streamcast.rules.b.horizon", "3"));
        assertEquals("naive", c.settingsFor("series-02").model());
        assertEquals("ar", c.settingsFor("series-04").model());
        assertEquals(3, c.settingsFor("valve-7").horizon());
        assertEquals(10, c.settingsFor("fan-7").horizon());
    }

    @Test
    void shouldRefuseAGlobItCannotHonourNamingTheKey() {
        String m = refused(Map.of("streamcast.rules.a.match", "series-0[0-3"));
        assertEquals("configuration key streamcast.rules.a.match: glob 'series-0[0-3' has a [ that is never closed"
                + " by ] (character 9)", m);
        assertTrue(refused(Map.of("streamcast.metrics.series", "price-{a,b")).startsWith(
                "configuration key streamcast.metrics.series: glob 'price-{a,b' has a { that is never closed"));
        assertFalse(RuntimeConfig.from(Map.of("streamcast.metrics.series", "price-{a,b},mic-[0-9]/rms"))
                .metricsSeries().isEmpty());
    }
}
