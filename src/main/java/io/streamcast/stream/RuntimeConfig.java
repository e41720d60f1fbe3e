package io.streamcast.stream;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the running service needs beyond the topology's {@link ServiceConfig}: where its HTTP
 * endpoint listens, the address other instances use to reach it, and whether and how to create
 * missing topics. Its keys are taken out before the rest goes to {@link ServiceConfig#from}:
 * <pre>
 * streamcast.http.host                   127.0.0.1   bind address (0.0.0.0 for all interfaces)
 * streamcast.http.port                   8080        0 = any free port
 * streamcast.http.advertised-host        (http.host, or the machine's name when bound to 0.0.0.0)
 *                                                    host other instances forward queries to
 * streamcast.create-topics               true        create missing input and output topics at start
 * streamcast.create-topics.partitions    4
 * streamcast.create-topics.replication   1
 * streamcast.config.topic                (unset)     compacted topic of configuration overrides applied live
 * streamcast.metrics.series              machine-temp,price-gbm,mic-1/rms
 *                                                    ids and globs of the series that get per-series meters
 * </pre>
 * {@code properties} keeps every key as given, so overrides can be merged onto it later.
 */
public record RuntimeConfig(ServiceConfig service, String httpHost, int httpPort, String advertisedHost,
        boolean createTopics, int partitions, short replication, java.util.Optional<String> configTopic,
        Map<String, String> properties) {

    static final String HTTP_PREFIX = "streamcast.http.";
    static final String CREATE_TOPICS = "streamcast.create-topics";
    static final String CONFIG_TOPIC = "streamcast.config.topic";
    static final String METRICS_SERIES = "streamcast.metrics.series";

    public RuntimeConfig {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(configTopic, "configTopic");
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("streamcast.http.port must be 0..65535, got " + httpPort);
        }
        if (partitions < 1 || replication < 1) {
            throw new IllegalArgumentException("streamcast.create-topics.partitions and .replication must be positive,"
                    + " got " + partitions + " and " + replication);
        }
    }

    /** Splits our keys from the rest; throws {@link IllegalArgumentException} naming a bad key. */
    public static RuntimeConfig from(Map<String, String> properties) {
        Map<String, String> rest = new TreeMap<>(properties);
        Map<String, String> own = new TreeMap<>();
        properties.keySet().stream().filter(k -> k.startsWith(HTTP_PREFIX) || k.startsWith(CREATE_TOPICS) || k.equals(CONFIG_TOPIC)
                || k.equals(METRICS_SERIES))
                .forEach(k -> own.put(k, rest.remove(k)));

        String host = own.getOrDefault("streamcast.http.host", "127.0.0.1");
        int port = ConfigValues.nonNegativeInt("streamcast.http.port", own.getOrDefault("streamcast.http.port", "8080"));
        String advertised = own.getOrDefault("streamcast.http.advertised-host",
                "0.0.0.0".equals(host) ? localHostName() : host);
        boolean create = bool(CREATE_TOPICS, own.getOrDefault(CREATE_TOPICS, "true"));
        int partitions = ConfigValues.positiveInt("streamcast.create-topics.partitions",
                own.getOrDefault("streamcast.create-topics.partitions", "4"));
        int replication = ConfigValues.positiveInt("streamcast.create-topics.replication",
                own.getOrDefault("streamcast.create-topics.replication", "1"));
        java.util.Optional<String> configTopic = java.util.Optional.ofNullable(own.get(CONFIG_TOPIC)).map(String::trim)
                .filter(t -> !t.isEmpty());
        own.keySet().removeAll(java.util.Set.of(CONFIG_TOPIC, METRICS_SERIES, "streamcast.http.host", "streamcast.http.port",
                "streamcast.http.advertised-host", CREATE_TOPICS, "streamcast.create-topics.partitions",
                "streamcast.create-topics.replication"));
        if (!own.isEmpty()) {
            throw new IllegalArgumentException("unknown configuration key " + own.keySet().iterator().next()
                    + "; known: streamcast.http.{host,port,advertised-host}, streamcast.create-topics{,.partitions,"
                    + ".replication}, streamcast.config.topic, streamcast.metrics.series");
        }
        if (replication > Short.MAX_VALUE) {
            throw new IllegalArgumentException("streamcast.create-topics.replication is too large: " + replication);
        }
        return new RuntimeConfig(ServiceConfig.from(rest), host, port, advertised, create, partitions,
                (short) replication, configTopic, properties);
    }

    /** The allow-list of series with per-series meters ({@code streamcast.metrics.series}), see SeriesMeters. */
    public String metricsSeries() {
        return properties.getOrDefault(METRICS_SERIES, io.streamcast.metrics.SeriesMeters.DEFAULT_ALLOW_LIST);
    }

    private static boolean bool(String key, String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("configuration key " + key + " must be true or false, got \""
                    + value + "\"");
        };
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
