package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

    @Test
    void shouldDefaultToTheDesignTopicsAndOneStepPerEvent() {
        ServiceConfig c = ServiceConfig.ofDefaults();
        assertEquals(List.of("streamcast.events"), c.topics().input());
        assertEquals("streamcast.forecasts", c.topics().forecasts());
        assertEquals("streamcast.anomalies", c.topics().anomalies());
        assertEquals("streamcast.dlq", c.topics().dlq());
        assertTrue(c.topics().scores().isEmpty());
        assertEquals(Duration.ZERO, c.resample().step());
        assertEquals("ar", c.defaults().model());
        assertEquals(10, c.defaults().horizon());
    }

    @Test
    void shouldPassNonStreamcastKeysThroughUntouched() {
        ServiceConfig c = ServiceConfig.from(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
                "ssl.truststore.location", "/etc/ts.jks", "streamcast.horizon", "5"));
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
                "ssl.truststore.location", "/etc/ts.jks"), c.kafka());
        assertEquals("SASL_SSL", StreamcastTopology.streamsProperties(c).get("security.protocol"));
        assertEquals("exactly_once_v2", StreamcastTopology.streamsProperties(c).get("processing.guarantee"));
    }

    @Test
    void shouldRejectUnknownStreamcastKeysByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceConfig.from(Map.of("streamcast.horizn", "5")));
        assertTrue(e.getMessage().contains("streamcast.horizn"), e.getMessage());
    }

    @Test
    void shouldRejectMalformedValuesNamingKeyAndValue() {
        Map<String, String> bad = Map.of("streamcast.horizon", "zero", "streamcast.resample.step", "5 parsecs",
                "streamcast.resample.aggregation", "median", "streamcast.batch.size", "0",
                "streamcast.topics.input.pattern", "([", "streamcast.anomaly.threshold", "2");
        bad.forEach((k, v) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServiceConfig.from(Map.of(k, v)), k);
            assertTrue(e.getMessage().contains(k) && e.getMessage().contains(v), e.getMessage());
        });
    }

    @Test
    void shouldDefaultAudioTo16kHzWithBandsCutAtTheNyquistFrequency() {
        ServiceConfig.Audio a = ServiceConfig.ofDefaults().audio();
        assertEquals(16_000, a.sampleRate());
        assertEquals(List.of(0.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0), a.bandEdgesHz());
        ServiceConfig.Audio narrow = ServiceConfig.from(Map.of("streamcast.audio.sample-rate", "8000")).audio();
        assertEquals(List.of(0.0, 500.0, 1000.0, 2000.0, 4000.0), narrow.bandEdgesHz());
        assertEquals(List.of(0.0, 300.0, 3400.0), ServiceConfig.from(Map.of("streamcast.audio.bands", "0, 300, 3400"))
                .audio().bandEdgesHz());
    }

    @Test
    void shouldRejectBadAudioSettingsByKey() {
        for (Map.Entry<String, String> kv : List.of(Map.entry("streamcast.audio.sample-rate", "0"),
                Map.entry("streamcast.audio.max-frame", "1"), Map.entry("streamcast.audio.bands", "0,500,300"),
                Map.entry("streamcast.audio.bands", "0,x"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServiceConfig.from(Map.of(kv.getKey(), kv.getValue())), kv.toString());
            assertTrue(e.getMessage().contains(kv.getKey()), e.getMessage());
        }
    }

    @Test
    void shouldBoundInputBySizeAndByTimeAroundTheRecordTimestampByDefault() {
        ServiceConfig.InputLimits l = ServiceConfig.ofDefaults().inputLimits();
        assertEquals(512 * 1024, l.maxBytes());
        assertEquals(Duration.ofHours(1), l.maxAhead(), "as a Kafka 4 broker's message.timestamp.after.max.ms");
        assertEquals(Duration.ZERO, l.maxBehind(), "backfills of old data are welcome unless configured");
        ServiceConfig.InputLimits set = ServiceConfig.from(Map.of("streamcast.input.max-bytes", "1000",
                "streamcast.input.max-ahead", "5m", "streamcast.input.max-behind", "7d")).inputLimits();
        assertEquals(new ServiceConfig.InputLimits(1000, Duration.ofMinutes(5), Duration.ofDays(7)), set);
    }

    @Test
    void shouldRejectBadInputLimitsByKey() {
        for (Map.Entry<String, String> kv : List.of(Map.entry("streamcast.input.max-bytes", "0"),
                Map.entry("streamcast.input.max-bytes", "1MB"), Map.entry("streamcast.input.max-bytes", "-5"),
                Map.entry("streamcast.input.max-ahead", "soon"), Map.entry("streamcast.input.max-behind", "-1h"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServiceConfig.from(Map.of(kv.getKey(), kv.getValue())), kv.toString());
            assertTrue(e.getMessage().contains(kv.getKey()) && e.getMessage().contains(kv.getValue()), e.getMessage());
        }
    }

    @Test
    void shouldRejectBatchesThatCouldWaitForever() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceConfig.from(
                Map.of("streamcast.batch.size", "8", "streamcast.batch.interval", "0")));
        assertTrue(e.getMessage().contains("streamcast.batch.interval"), e.getMessage());
        assertEquals(1, ServiceConfig.from(Map.of("streamcast.batch.size", "1", "streamcast.batch.interval", "0"))
                .batchSize());
    }

    @Test
    void shouldRejectAnInputListTogetherWithAPattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceConfig.from(
                Map.of("streamcast.topics.input", "a", "streamcast.topics.input.pattern", "a.*")));
        assertTrue(e.getMessage().contains("conflict"), e.getMessage());
    }

    @Test
    void shouldApplyTheFirstMatchingRuleInNameOrder() {
        ServiceConfig c = ServiceConfig.from(Map.of("streamcast.topics.input", "a, b",
                "streamcast.rules.1-mics.match", "mic-*", "streamcast.rules.1-mics.model", "naive",
                "streamcast.rules.1-mics.horizon", "3", "streamcast.rules.2-all.match", "*",
                "streamcast.rules.2-all.lags", "6", "streamcast.rules.2-all.threshold", "0.9"));
        assertEquals(List.of("a", "b"), c.topics().input());
        ServiceConfig.SeriesSettings mic = c.settingsFor("mic-1");
        assertEquals("naive", mic.model());
        assertEquals(3, mic.horizon());
        assertEquals(0, mic.lags());
        ServiceConfig.SeriesSettings other = c.settingsFor("sensor-1");
        assertEquals("ar", other.model());
        assertEquals(6, other.lags());
        assertEquals(0.9, other.threshold());
        assertEquals(List.of("ar", "naive"), c.modelNames());
    }

    @Test
    void shouldDetectSeasonsUnlessARuleOrTheModelSettingsFixThem() {
        ServiceConfig c = ServiceConfig.from(Map.of("streamcast.rules.hourly.match", "meter-*",
                "streamcast.rules.hourly.season", "168,24", "streamcast.rules.plain.match", "price-*",
                "streamcast.rules.plain.season", "none"));
        assertEquals(io.streamcast.model.Seasons.AUTO,
                RegistryEngines.engineConfig(c.settingsFor("sensor-1"), c).seasons(), "nothing configured: found per series");
        assertEquals(io.streamcast.model.Seasons.of(24, 168),
                RegistryEngines.engineConfig(c.settingsFor("meter-3"), c).seasons());
        assertEquals(io.streamcast.model.Seasons.NONE,
                RegistryEngines.engineConfig(c.settingsFor("price-x"), c).seasons());
        assertTrue(ModelKey.of(c.settingsFor("meter-3")).toString().endsWith("|season=24,168"));
        assertEquals("ar|lags=0|h=10|step=0", ModelKey.of(c.settingsFor("sensor-1")).toString(),
                "without a rule's season the key of stored state is as before");
        ServiceConfig global = ServiceConfig.from(Map.of("streamcast.model.season", "24"));
        assertEquals(io.streamcast.model.Seasons.of(24),
                RegistryEngines.engineConfig(global.settingsFor("any"), global).seasons());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceConfig.from(Map.of(
                "streamcast.rules.x.match", "*", "streamcast.rules.x.season", "daily")));
        assertTrue(e.getMessage().startsWith("streamcast.rules.x.season must be auto, none or seasonal periods"),
                e.getMessage());
    }

    @Test
    void shouldRejectARuleWithoutMatchOrWithAnUnknownOverride() {
        assertThrows(IllegalArgumentException.class,
                () -> ServiceConfig.from(Map.of("streamcast.rules.x.model", "ar")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceConfig.from(Map.of("streamcast.rules.x.match", "*", "streamcast.rules.x.colour", "red")));
        assertTrue(e.getMessage().contains("streamcast.rules.x.colour"), e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownModelWhenTheTopologyIsBuilt() {
        ServiceConfig c = ServiceConfig.from(Map.of("streamcast.rules.x.match", "x-*",
                "streamcast.rules.x.model", "prophet"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamcastTopology.build(c));
        assertTrue(e.getMessage().contains("prophet") && e.getMessage().contains("rule x"), e.getMessage());
    }
}
