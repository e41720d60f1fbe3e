package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldLetEnvironmentOverrideFileAndFlagsOverrideBoth() throws Exception {
        Path file = dir.resolve("streamcast.properties");
        Files.writeString(file, "streamcast.horizon=5\nstreamcast.model=ar\nstreamcast.seed=1\n");
        Map<String, String> env = Map.of("STREAMCAST_HORIZON", "7", "STREAMCAST_SEED", "2");
        Map<String, String> flags = Map.of("streamcast.seed", "3");

        Map<String, String> merged = ConfigLoader.load(file, env, flags);

        assertEquals("ar", merged.get("streamcast.model"), "file only");
        assertEquals("7", merged.get("streamcast.horizon"), "environment over file");
        assertEquals("3", merged.get("streamcast.seed"), "flag over environment");
    }

    @Test
    void shouldMapEnvironmentNamesToKeysAndPassKafkaPropertiesThrough() {
        Map<String, String> keys = ConfigLoader.fromEnvironment(Map.of(
                "STREAMCAST_SERIES_MAX__ID__LENGTH", "64",
                "STREAMCAST_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
                "STREAMCAST_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_HEAP_OPTS", "-Xmx1g",
                "PATH", "/usr/bin"));

        assertEquals("64", keys.get("streamcast.series.max-id-length"));
        assertEquals("SASL_SSL", keys.get("security.protocol"));
        assertTrue(keys.get("sasl.jaas.config").startsWith("org.apache.kafka"));
        assertFalse(keys.containsKey("heap.opts"), "variables without our prefix are not configuration");
        assertEquals(3, keys.size());
    }

    @Test
    void shouldNameAMissingFile() {
        Path missing = dir.resolve("nope.properties");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(missing, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void shouldNameTheFileWhenItIsNotAPropertiesFile() throws Exception {
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "streamcast.model=\\uZZZZ\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.readFile(bad));
        assertTrue(e.getMessage().contains("bad.properties"), e.getMessage());
    }
}
