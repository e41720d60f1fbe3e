package io.streamcast.stream;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Gathers the service's configuration from its three sources, later ones winning: a properties
 * file, then environment variables, then command-line flags. The result is a flat key → value map
 * for {@link RuntimeConfig#from}; any key that is not {@code streamcast.*} is a Kafka client or
 * Streams property and passes through untouched, so SASL/SSL settings need nothing special.
 *
 * <p>Environment variables, because their names cannot hold dots or dashes:
 * <ul>
 *   <li>{@code STREAMCAST_TOPICS_INPUT} → {@code streamcast.topics.input}: lower-cased,
 *       {@code _} becomes {@code .} and a doubled {@code __} becomes {@code -}
 *       ({@code STREAMCAST_SERIES_MAX__ID__LENGTH} → {@code streamcast.series.max-id-length});</li>
 *   <li>{@code STREAMCAST_KAFKA_SASL_JAAS_CONFIG} → {@code sasl.jaas.config}: the prefix
 *       {@code STREAMCAST_KAFKA_} marks a Kafka property (a bare {@code KAFKA_} prefix would catch
 *       unrelated variables such as {@code KAFKA_HEAP_OPTS}).</li>
 * </ul>
 */
public final class ConfigLoader {

    static final String ENV_PREFIX = "STREAMCAST_";
    static final String ENV_KAFKA_PREFIX = "STREAMCAST_KAFKA_";

    private ConfigLoader() {
    }

    /**
     * Merges the sources.
     *
     * @param file a properties file, or null for none
     * @param env the environment ({@code System.getenv()}); variables without our prefix are ignored
     * @param flags key → value pairs from the command line
     */
    public static Map<String, String> load(Path file, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> merged = new TreeMap<>();
        if (file != null) {
            merged.putAll(readFile(file));
        }
        merged.putAll(fromEnvironment(env));
        flags.forEach((k, v) -> merged.put(k.trim(), v.trim()));
        return merged;
    }

    /** Reads a properties file (UTF-8), naming the file in every error. */
    public static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration file " + file + " is not a valid properties file: "
                    + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k.trim(), p.getProperty(k).trim()));
        return out;
    }

    /** The configuration keys the environment sets; see the class comment for the naming rule. */
    public static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_KAFKA_PREFIX) && name.length() > ENV_KAFKA_PREFIX.length()) {
                out.put(keyOf(name.substring(ENV_KAFKA_PREFIX.length())), value.trim());
            } else if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                out.put("streamcast." + keyOf(name.substring(ENV_PREFIX.length())), value.trim());
            }
        });
        return out;
    }

    private static String keyOf(String envName) {
        return envName.toLowerCase(Locale.ROOT).replace("__", "-").replace('_', '.');
    }
}
