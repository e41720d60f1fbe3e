package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.model.EngineConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Horizon and seed have one spelling each; a misspelt key in every namespace gets a "did you mean". */
class OneSpellingTest {

    private static String refused(Map<String, String> config) {
        return assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.from(config)).getMessage();
    }

    @Test
    void shouldRefuseTheSecondSpellingOfHorizonAndSeedNamingTheOne() {
        assertEquals("streamcast.model.horizon is not a key: write streamcast.horizon (each key has one spelling)",
                refused(Map.of("streamcast.model.horizon", "5")));
        assertEquals("streamcast.model.seed is not a key: write streamcast.seed (each key has one spelling)",
                refused(Map.of("streamcast.model.seed", "5")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KnownSettings.requireKnown(
                java.util.List.of("streamcast.model.horizon"))).getMessage().contains("write streamcast.horizon"));
        Properties p = new Properties();
        p.setProperty("streamcast.model.seed", "5");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EngineConfig.fromProperties(p)).getMessage()
                .contains("write streamcast.seed"));
        ServiceConfig c = ServiceConfig.from(Map.of("streamcast.horizon", "7", "streamcast.seed", "3"));
        assertEquals(7, c.defaults().horizon());
        assertEquals(3L, c.seed());
        assertEquals(42L, ServiceConfig.ofDefaults().seed());
    }

    @Test
    void shouldSuggestTheNearestKeyInEveryNamespace() {
        Map<String, String> misspelt = Map.of("streamcast.horizn", "streamcast.horizon",
                "streamcast.http.prot", "streamcast.http.port",
                "streamcast.create-topics.retension", "streamcast.create-topics.retention",
                "streamcast.resample.stepp", "streamcast.resample.step",
                "streamcast.rules.pumps.mach", "streamcast.rules.pumps.match",
                "streamcast.model.lstm.unit", "streamcast.model.lstm.units",
                "streamcast.intervals.windw", "streamcast.intervals.window",
                "streamcast.anomaly.treshold", "streamcast.anomaly.threshold",
                "streamcast.model.auto.combin", "streamcast.model.auto.combine");
        misspelt.forEach((wrong, right) -> {
            String m = refused(Map.of(wrong, "1"));
            assertTrue(m.startsWith("unknown configuration key " + wrong + "; did you mean " + right + "?"), m);
        });
    }

    @Test
    void shouldCheckModelValuesByTheirDefinitionWhenTheServiceStarts() {
        assertEquals("streamcast.model.ar.order must be in 1..64, got 100",
                refused(Map.of("streamcast.model.ar.order", "100")));
        assertEquals("streamcast.rules.a.horizon must be in 1..10000, got 0",
                refused(Map.of("streamcast.rules.a.match", "*", "streamcast.rules.a.horizon", "0")));
    }
}
