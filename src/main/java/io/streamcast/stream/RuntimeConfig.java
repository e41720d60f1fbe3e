package io.streamcast.stream;

import io.streamcast.config.Importance;
import io.streamcast.config.Key;
import io.streamcast.config.KeyTable;
import io.streamcast.config.Type;
import io.streamcast.config.Validator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the running service needs beyond the topology's {@link ServiceConfig}: where its HTTP
 * endpoint listens, the address other instances use to reach it, how to create missing topics and
 * what to do about existing ones that would delete what it writes. Its keys are defined in {@link #KEYS}
 * (the docs tables are generated from them) and taken out before the rest goes to {@link ServiceConfig#from}.
 * {@code properties} keeps every key as given, so overrides can be merged onto it later.
 */
public record RuntimeConfig(ServiceConfig service, String httpHost, int httpPort, String advertisedHost,
        boolean createTopics, int partitions, short replication, Optional<String> configTopic,
        Map<String, String> properties, long outputRetentionMs, long dlqRetentionMs, boolean refuseUnsafeTopics) {

    /** What to do about a topic whose settings would delete what the service writes ({@link TopicCheck}). */
    enum Unsafe { REFUSE, WARN }

    private static final KeyTable.Builder DEFINE = KeyTable.builder("streamcast.http.", "streamcast.create-topics");
    static final Key<String> HTTP_HOST = DEFINE.define("streamcast.http.host", Type.STRING, "127.0.0.1",
            Validator.any(), Importance.HIGH, "HTTP bind address; `0.0.0.0` for all interfaces");
    static final Key<Integer> HTTP_PORT = DEFINE.define("streamcast.http.port", Type.INT, 8080,
            Validator.between(0, 65_535), Importance.HIGH, "HTTP port; 0 = any free port");
    static final Key<String> HTTP_ADVERTISED_HOST = DEFINE.defineComputed("streamcast.http.advertised-host",
            Type.STRING, "the bind host (the machine name when bound to 0.0.0.0)", Validator.any(), Importance.MEDIUM,
            "host other instances forward queries to (`application.server`)");
    static final Key<Boolean> CREATE_TOPICS = DEFINE.define("streamcast.create-topics", Type.BOOLEAN, true,
            Validator.any(), Importance.MEDIUM, "create missing input (by name) and output topics at start");
    static final Key<Integer> CREATE_PARTITIONS = DEFINE.define("streamcast.create-topics.partitions", Type.INT, 4,
            Validator.positive(), Importance.MEDIUM, "partitions of topics it creates");
    static final Key<Integer> CREATE_REPLICATION = DEFINE.define("streamcast.create-topics.replication", Type.INT, 1,
            Validator.between(1, Short.MAX_VALUE), Importance.MEDIUM,
            "replication factor of topics it creates (use 3 on a real cluster)");
    /** Seven days: Kafka's own default, written down so that a broker configured otherwise does not decide it. */
    static final Key<Long> CREATE_RETENTION = DEFINE.define("streamcast.create-topics.retention", ValueTypes.RETENTION,
            7 * 86_400_000L, Validator.any(), Importance.MEDIUM, "`retention.ms` of the forecasts, anomalies and "
                    + "scores topics it creates; `-1` or `forever`: no time limit (see [Topics the service creates]"
                    + "(#topics-the-service-creates-and-the-start-up-check))");
    /** Thirty days: dead letters wait for a person, who may be away for a week or two. */
    static final Key<Long> CREATE_DLQ_RETENTION = DEFINE.define("streamcast.create-topics.dlq-retention",
            ValueTypes.RETENTION, 30 * 86_400_000L, Validator.any(), Importance.MEDIUM,
            "`retention.ms` of the dead-letter topic it creates (dead letters wait for a person)");
    static final Key<Unsafe> UNSAFE_TOPICS = DEFINE.define("streamcast.topics.unsafe", Type.choice(Unsafe.class),
            Unsafe.REFUSE, Validator.any(), Importance.MEDIUM, "`refuse`: do not start while an output, dead-letter "
                    + "or config topic would delete what the service writes (named in the message); `warn`: start, "
                    + "log each, count them in `streamcast_topic_unsafe`");
    static final Key<String> CONFIG_TOPIC = DEFINE.define("streamcast.config.topic", Type.STRING, null, Validator.any(),
            Importance.MEDIUM, "a compacted topic of live overrides, see [below](#changing-the-configuration-without-a-restart)");
    static final Key<String> METRICS_SERIES = DEFINE.define("streamcast.metrics.series", ValueTypes.GLOBS,
            io.streamcast.metrics.SeriesMeters.DEFAULT_ALLOW_LIST, Validator.any(), Importance.LOW,
            "ids and [globs](#globs) of the series that get per-series meters ([observability](observability.md#metrics))");
    /** The running service's keys: the rest goes to {@link ServiceConfig#from}. */
    public static final KeyTable KEYS = DEFINE.build();

    public RuntimeConfig {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(configTopic, "configTopic");
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
        HTTP_PORT.check(httpPort);
        CREATE_PARTITIONS.check(partitions);
        CREATE_REPLICATION.check((int) replication);
        if (outputRetentionMs == 0 || outputRetentionMs < -1 || dlqRetentionMs == 0 || dlqRetentionMs < -1) {
            throw new IllegalArgumentException("topic retentions must be positive or -1 (forever), got "
                    + outputRetentionMs + " and " + dlqRetentionMs + " ms");
        }
    }

    /** Splits our keys from the rest; throws {@link IllegalArgumentException} naming a bad key. */
    public static RuntimeConfig from(Map<String, String> properties) {
        ServiceKeys.ALL.requireKnown(properties.keySet());
        Map<String, String> rest = new TreeMap<>(properties);
        Map<String, String> own = new TreeMap<>();
        for (Key<?> k : KEYS.keys()) {
            if (rest.containsKey(k.name())) {
                own.put(k.name(), rest.remove(k.name()));
            }
        }
        String host = HTTP_HOST.read(own);
        Optional<String> configTopic = CONFIG_TOPIC.find(own).filter(t -> !t.isEmpty());
        METRICS_SERIES.find(own);
        return new RuntimeConfig(ServiceConfig.from(rest), host, HTTP_PORT.read(own),
                HTTP_ADVERTISED_HOST.find(own).orElse("0.0.0.0".equals(host) ? localHostName() : host),
                CREATE_TOPICS.read(own), CREATE_PARTITIONS.read(own), CREATE_REPLICATION.read(own).shortValue(),
                configTopic, properties, CREATE_RETENTION.read(own), CREATE_DLQ_RETENTION.read(own),
                UNSAFE_TOPICS.read(own) == Unsafe.REFUSE);
    }

    /** The allow-list of series with per-series meters ({@code streamcast.metrics.series}), see SeriesMeters. */
    public String metricsSeries() {
        return METRICS_SERIES.read(properties);
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
