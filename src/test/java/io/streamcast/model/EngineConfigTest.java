package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

    @Test
    void shouldReadCommonKeysAndKeepModelSettingsFromProperties() {
        Properties p = new Properties();
        p.setProperty("streamcast.horizon", "12");
        p.setProperty("streamcast.model.season", "24");
        p.setProperty("streamcast.seed", "5");
        p.setProperty("streamcast.intervals.coverage", "0.8");
        p.setProperty("streamcast.model.ar.order", " 3 ");
        p.setProperty("unrelated.key", "x");
        EngineConfig c = EngineConfig.fromProperties(p);
        assertEquals(12, c.horizon());
        assertEquals(Seasons.of(24), c.seasons());
        assertEquals(5L, c.seed());
        assertEquals(0.8, c.coverage());
        assertEquals(3, c.intSetting("streamcast.model.ar.order", 8));
        assertEquals("absent", c.setting("unrelated.key", "absent"));
        assertEquals(3, ArConfig.from(c).order());
    }

    @Test
    void shouldRejectBadValuesNamingTheKey() {
        assertEquals("streamcast.horizon must be in 1..10000, got 0",
                assertThrows(IllegalArgumentException.class, () -> EngineConfig.of(0)).getMessage());
        assertEquals("streamcast.intervals.coverage must be strictly between 0 and 1, got 1.0",
                assertThrows(IllegalArgumentException.class, () -> EngineConfig.of(1).withCoverage(1.0)).getMessage());
        EngineConfig c = EngineConfig.of(1).with("streamcast.model.ar.forgetting", "1.5");
        assertEquals("streamcast.model.ar.forgetting must be in (0.9, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> ArConfig.from(c)).getMessage());
        assertEquals("streamcast.model.ar.criterion must be bic or aic, got 'mdl'",
                assertThrows(IllegalArgumentException.class,
                        () -> ArConfig.from(EngineConfig.of(1).with("streamcast.model.ar.criterion", "mdl"))).getMessage());
        assertEquals("streamcast.model.ar.transform must be none, log or boxcox, got 'sqrt'",
                assertThrows(IllegalArgumentException.class,
                        () -> ArConfig.from(EngineConfig.of(1).with("streamcast.model.ar.transform", "sqrt"))).getMessage());
    }

    @Test
    void shouldOfferOrdersUpToTheConfiguredOneAndDetectSeasonsByDefault() {
        ArConfig plain = ArConfig.from(EngineConfig.of(4));
        assertEquals(java.util.List.of(1, 2, 3, 4, 6, 8), java.util.Arrays.stream(plain.orders()).boxed().toList());
        assertEquals(Seasons.AUTO, plain.seasons());
        ArConfig five = ArConfig.from(EngineConfig.of(4).with("streamcast.model.ar.order", "5"));
        assertEquals(java.util.List.of(1, 2, 3, 4, 5), java.util.Arrays.stream(five.orders()).boxed().toList());
        assertEquals(Seasons.of(24, 168), EngineConfig.fromProperties(props("streamcast.model.season", "168,24")).seasons());
        assertEquals(Seasons.NONE, EngineConfig.fromProperties(props("streamcast.model.season", "none")).seasons());
        assertEquals("streamcast.model.season must be auto, none or seasonal periods such as 24 or 24,168, got 'daily'",
                assertThrows(IllegalArgumentException.class,
                        () -> EngineConfig.fromProperties(props("streamcast.model.season", "daily"))).getMessage());
    }

    private static Properties props(String k, String v) {
        Properties p = new Properties();
        p.setProperty(k, v);
        return p;
    }
}
