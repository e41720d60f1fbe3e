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
