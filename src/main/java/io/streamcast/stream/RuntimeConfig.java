package io.streamcast.stream;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the running service needs beyond the topology's {@link ServiceConfig}: where its HTTP
 * endpoint listens, the address other instances use to reach it, how to create missing topics and
 * what to do about existing ones that would delete what it writes. Its keys ({@link #KEYS}) are taken
 * out before the rest goes to {@link ServiceConfig#from}:
 * <pre>
 * streamcast.http.host                   127.0.0.1   bind address (0.0.0.0 for all interfaces)
 * streamcast.http.port                   8080        0 = any free port
 * streamcast.http.advertised-host        (http.host, or the machine's name when bound to 0.0.0.0)
 *                                                    host other instances forward queries to
 * streamcast.create-topics               true        create missing input and output topics at start
 * streamcast.create-topics.partitions    4
 * streamcast.create-topics.replication   1
 * streamcast.create-topics.retention     7d          retention.ms of the forecasts, anomalies and scores topics it
 *                                                    creates (-1 or forever: no time limit)
 * streamcast.create-topics.dlq-retention 30d         retention.ms of the dead-letter topic it creates
 * streamcast.topics.unsafe               refuse      refuse|warn: an output, dead-letter or config topic whose settings
 *                                                    would delete what the service writes stops the start (refuse) or
 *                                                    is logged and counted (warn); see {@link TopicCheck}
 * streamcast.config.topic                (unset)     compacted topic of configuration overrides applied live
 * streamcast.metrics.series              machine-temp,price-gbm,mic-1/rms
 *                                                    ids and globs of the series that get per-series meters
 * </pre>
 * {@code properties} keeps every key as given, so overrides can be merged onto it later.
 */
public record RuntimeConfig(ServiceConfig service, String httpHost, int httpPort, String advertisedHost,
        boolean createTopics, int partitions, short replication, Optional<String> configTopic,
        Map<String, String> properties, long outputRetentionMs, long dlqRetentionMs, boolean refuseUnsafeTopics) {

    static final String HTTP_HOST = "streamcast.http.host";
    static final String HTTP_PORT = "streamcast.http.port";
    static final String HTTP_ADVERTISED_HOST = "streamcast.http.advertised-host";
    static final String CREATE_TOPICS = "streamcast.create-topics";
    static final String CREATE_PARTITIONS = "streamcast.create-topics.partitions";
    static final String CREATE_REPLICATION = "streamcast.create-topics.replication";
    static final String CREATE_RETENTION = "streamcast.create-topics.retention";
    static final String CREATE_DLQ_RETENTION = "streamcast.create-topics.dlq-retention";
    static final String UNSAFE_TOPICS = "streamcast.topics.unsafe";
    static final String CONFIG_TOPIC = "streamcast.config.topic";
    static final String METRICS_SERIES = "streamcast.metrics.series";

    /** Every key this class reads: the rest goes to {@link ServiceConfig#from}, which rejects what it does not know. */
    public static final List<String> KEYS = List.of(HTTP_HOST, HTTP_PORT, HTTP_ADVERTISED_HOST, CREATE_TOPICS,
            CREATE_PARTITIONS, CREATE_REPLICATION, CREATE_RETENTION, CREATE_DLQ_RETENTION, UNSAFE_TOPICS, CONFIG_TOPIC,
            METRICS_SERIES);

    /** Seven days: Kafka's own default, written down so that a broker configured otherwise does not decide it. */
    static final String DEFAULT_RETENTION = "7d";
    /** Thirty days: dead letters wait for a person, who may be away for a week or two. */
    static final String DEFAULT_DLQ_RETENTION = "30d";

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
        if (outputRetentionMs == 0 || outputRetentionMs < -1 || dlqRetentionMs == 0 || dlqRetentionMs < -1) {
            throw new IllegalArgumentException("topic retentions must be positive or -1 (forever), got "
                    + outputRetentionMs + " and " + dlqRetentionMs + " ms");
        }
    }

    /** Splits our keys from the rest; throws {@link IllegalArgumentException} naming a bad key. */
    public static RuntimeConfig from(Map<String, String> properties) {
        Map<String, String> rest = new TreeMap<>(properties);
        Map<String, String> own = new TreeMap<>();
        KEYS.forEach(k -> {
            if (rest.containsKey(k)) {
                own.put(k, rest.remove(k));
            }
        });
        rest.keySet().stream().filter(k -> k.startsWith("streamcast.http.") || k.startsWith(CREATE_TOPICS + "."))
                .findFirst().ifPresent(k -> {
                    throw new IllegalArgumentException("unknown configuration key " + k + "; known: "
                            + String.join(", ", KEYS));
                });

        String host = own.getOrDefault(HTTP_HOST, "127.0.0.1");
        int port = ConfigValues.nonNegativeInt(HTTP_PORT, own.getOrDefault(HTTP_PORT, "8080"));
        String advertised = own.getOrDefault(HTTP_ADVERTISED_HOST, "0.0.0.0".equals(host) ? localHostName() : host);
        boolean create = bool(CREATE_TOPICS, own.getOrDefault(CREATE_TOPICS, "true"));
        int partitions = ConfigValues.positiveInt(CREATE_PARTITIONS, own.getOrDefault(CREATE_PARTITIONS, "4"));
        int replication = ConfigValues.positiveInt(CREATE_REPLICATION, own.getOrDefault(CREATE_REPLICATION, "1"));
        if (replication > Short.MAX_VALUE) {
            throw new IllegalArgumentException("streamcast.create-topics.replication is too large: " + replication);
        }
        long retention = ConfigValues.retention(CREATE_RETENTION, own.getOrDefault(CREATE_RETENTION, DEFAULT_RETENTION));
        long dlqRetention = ConfigValues.retention(CREATE_DLQ_RETENTION,
                own.getOrDefault(CREATE_DLQ_RETENTION, DEFAULT_DLQ_RETENTION));
        boolean refuse = switch (own.getOrDefault(UNSAFE_TOPICS, "refuse").trim().toLowerCase(java.util.Locale.ROOT)) {
            case "refuse" -> true;
            case "warn" -> false;
            default -> throw ConfigValues.bad(UNSAFE_TOPICS, own.get(UNSAFE_TOPICS), "refuse or warn");
        };
        if (own.containsKey(METRICS_SERIES)) {
            try {
                io.streamcast.metrics.Glob.list(own.get(METRICS_SERIES));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("configuration key " + METRICS_SERIES + ": " + e.getMessage(), e);
            }
        }
        Optional<String> configTopic = Optional.ofNullable(own.get(CONFIG_TOPIC)).map(String::trim)
                .filter(t -> !t.isEmpty());
        return new RuntimeConfig(ServiceConfig.from(rest), host, port, advertised, create, partitions,
                (short) replication, configTopic, properties, retention, dlqRetention, refuse);
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
