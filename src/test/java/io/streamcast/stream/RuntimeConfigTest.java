package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeConfigTest {

    @Test
    void shouldTakeItsOwnKeysAndPassTheRestToTheTopologyAndKafka() {
        RuntimeConfig c = RuntimeConfig.from(Map.of("streamcast.http.port", "0", "streamcast.http.host", "0.0.0.0",
                "streamcast.http.advertised-host", "node-7", "streamcast.create-topics.partitions", "12",
                "streamcast.config.topic", "cfg", "streamcast.horizon", "5", "security.protocol", "SASL_SSL"));

        assertEquals(0, c.httpPort());
        assertEquals("0.0.0.0", c.httpHost());
        assertEquals("node-7", c.advertisedHost());
        assertEquals(12, c.partitions());
        assertEquals(Optional.of("cfg"), c.configTopic());
        assertEquals(5, c.service().defaults().horizon());
        assertEquals("SASL_SSL", c.service().kafka().get("security.protocol"));
        assertFalse(c.service().kafka().keySet().stream().anyMatch(k -> k.startsWith("streamcast.")));
    }

    @Test
    void shouldUseLoopbackAndCreateTopicsByDefault() {
        RuntimeConfig c = RuntimeConfig.from(Map.of());
        assertEquals("127.0.0.1", c.httpHost());
        assertEquals(8080, c.httpPort());
        assertTrue(c.createTopics());
        assertEquals(Optional.empty(), c.configTopic());
    }

    @Test
    void shouldRejectUnknownOrMalformedKeysByName() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.from(Map.of("streamcast.http.prot", "80")));
        assertTrue(unknown.getMessage().contains("streamcast.http.prot"), unknown.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.from(Map.of("streamcast.create-topics", "yes")));
        assertTrue(bad.getMessage().contains("streamcast.create-topics"), bad.getMessage());
        IllegalArgumentException retention = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.from(Map.of("streamcast.create-topics.retention", "0")));
        assertTrue(retention.getMessage().contains("streamcast.create-topics.retention"), retention.getMessage());
        IllegalArgumentException unsafe = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.from(Map.of("streamcast.topics.unsafe", "ignore")));
        assertTrue(unsafe.getMessage().contains("streamcast.topics.unsafe"), unsafe.getMessage());
        IllegalArgumentException misspelt = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.from(Map.of("streamcast.create-topics.retension", "7d")));
        assertTrue(misspelt.getMessage().contains("streamcast.create-topics.retension"), misspelt.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.from(Map.of("streamcast.http.port", "70000")));
        assertTrue(port.getMessage().contains("streamcast.http.port"), port.getMessage());
    }
}
