package io.streamcast.stream;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamcast.metrics.SeriesMeters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running streamcast instance: the topology of {@link StreamcastTopology} on Kafka Streams, its
 * HTTP endpoint (interactive query, {@code /metrics}, {@code /health}) and its meters. Start several
 * with the same {@code application.id} against one cluster and they share the partitions; each
 * answers queries for every series, forwarding to the owner.
 *
 * <p>Lifecycle: {@link #start} creates missing topics ({@link TopicCreator}), checks the settings of those it
 * writes to ({@link TopicCheck}), binds the HTTP port, starts the streams and
 * returns; {@link #awaitRunning} waits for the first assignment. A failure the topology's handlers do
 * not absorb moves the streams to ERROR ({@link #failed()}), which {@code run} turns into exit code 1.
 * {@link #close()} leaves the group so another instance takes over at once, then closes the stores.
 */
public final class StreamcastService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamcastService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** One KafkaStreams client and its metrics binder; replaced as a whole when the configuration changes. */
    private record Running(KafkaStreams streams, KafkaStreamsMetrics metrics, RuntimeConfig config) {
    }

    private final HttpApi http;
    private final HostInfo self;
    private final PrometheusMeterRegistry registry;
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> unsafeTopics =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Object stateLock = new Object();
    private volatile Running running;
    private volatile Throwable failure;
    private volatile ConfigTopicWatcher watcher;
    private boolean closed;

    private StreamcastService(HttpApi http, HostInfo self, PrometheusMeterRegistry registry) {
        this.http = http;
        this.self = self;
        this.registry = registry;
    }

    /**
     * Starts an instance; the registry receives our meters and Kafka Streams' own. With
     * {@code streamcast.config.topic} set, the overrides in that compacted topic apply on top of
     * {@code config} now and whenever they change (see {@link ConfigTopicWatcher}).
     */
    public static StreamcastService start(RuntimeConfig config, PrometheusMeterRegistry registry) {
        requireBootstrap(config);
        ConfigTopicWatcher watcher = null;
        if (config.configTopic().isPresent()) {
            watcher = ConfigTopicWatcher.open(config);
            config = watcher.current();
        }
        HttpApi http = new HttpApi(config.httpHost(), config.httpPort(), registry);
        try {
            StreamcastService s = new StreamcastService(http, new HostInfo(config.advertisedHost(), http.port()), registry);
            s.running = s.launch(config);
            http.start();
            if (watcher != null) {
                s.watcher = watcher;
                watcher.start(s::reconfigure);
            }
            return s;
        } catch (RuntimeException e) {
            http.close();
            if (watcher != null) {
                watcher.close();
            }
            throw e;
        }
    }

    private static Map<String, Object> requireBootstrap(RuntimeConfig config) {
        Map<String, Object> props = StreamcastTopology.streamsProperties(config.service());
        if (!props.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("no bootstrap.servers configured: give --bootstrap-servers or set"
                    + " bootstrap.servers in the configuration");
        }
        return props;
    }

    /** Creates topics as configured, builds the topology and starts a KafkaStreams client on it. */
    private Running launch(RuntimeConfig config) {
        ServiceConfig service = config.service();
        Map<String, Object> props = requireBootstrap(config);
        if (config.createTopics()) {
            TopicCreator.createMissing(props, TopicCreator.topicsToCreate(config), config.partitions(), config.replication());
        }
        checkTopics(props, config);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        Properties p = new Properties();
        p.putAll(props);
        KafkaStreams streams = new KafkaStreams(StreamcastTopology.build(service, RegistryEngines.INSTANCE,
                new MicrometerStreamcastMetrics(registry, SeriesMeters.of(registry, config.metricsSeries()))), p);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.setStateListener((now, before) -> stateChanged());
        streams.setUncaughtExceptionHandler(e -> {
            failure = e;
            LOG.error("stream thread failed; stopping this instance", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        http.attach(streams, self);
        streams.start();
        LOG.info("streamcast started: application.id={} http=http://{}:{}", props.get(StreamsConfig.APPLICATION_ID_CONFIG),
                config.httpHost(), http.port());
        return new Running(streams, streamsMetrics, config);
    }

    /**
     * Applies a changed configuration without stopping the process: the KafkaStreams client is closed
     * (its state stays in the state directory and changelogs, committed exactly-once) and a new one
     * starts on the new topology. HTTP settings need a restart and are kept as they are.
     */
    synchronized void reconfigure(RuntimeConfig next) {
        if (closed || next.properties().equals(running.config().properties())) {
            return;
        }
        RuntimeConfig current = running.config();
        if (!next.httpHost().equals(current.httpHost()) || next.httpPort() != current.httpPort()
                || !next.advertisedHost().equals(current.advertisedHost())) {
            LOG.warn("streamcast.http.* changes apply at the next restart only");
        }
        LOG.info("configuration changed: restarting the streams on the new configuration");
        stop(running, CloseOptions.GroupMembershipOperation.LEAVE_GROUP); // else the new client waits out the session timeout
        failure = null;
        try {
            running = launch(next);
        } catch (RuntimeException e) {
            LOG.error("cannot start on the changed configuration; back to the one before", e);
            running = launch(current);
        }
        synchronized (stateLock) {
            stateLock.notifyAll();
        }
    }

    /** How many configurations the config topic applied since start (0 without a config topic). */
    public long reconfigurations() {
        ConfigTopicWatcher w = watcher;
        return w == null ? 0 : w.applied();
    }

    /** The configuration in force. */
    public RuntimeConfig config() {
        return running.config();
    }

    /**
     * Reads the settings of the topics the service writes to and acts on every {@link TopicCheck.Finding}: with
     * {@code streamcast.topics.unsafe=refuse} (the default) the start fails naming them all; with {@code warn} each
     * is logged. Either way {@code streamcast.topic.unsafe{topic}} tells how many problems each topic has.
     */
    private void checkTopics(Map<String, Object> clientProps, RuntimeConfig config) {
        Map<String, TopicCheck.Role> written = TopicCheck.written(config);
        List<TopicCheck.Finding> findings;
        try (Admin admin = Admin.create(TopicCreator.adminProps(clientProps))) {
            findings = TopicCheck.check(admin, written, config.service().outputTimestamp());
        }
        written.keySet().forEach(t -> unsafeTopics.computeIfAbsent(t, k -> {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            io.micrometer.core.instrument.Gauge.builder(io.streamcast.metrics.MeterNames.TOPIC_UNSAFE, n,
                    java.util.concurrent.atomic.AtomicInteger::get).tag("topic", k)
                    .description("settings of this topic that would delete what the service writes to it")
                    .register(registry);
            return n;
        }).set((int) findings.stream().filter(f -> f.topic().equals(t)).count()));
        if (findings.isEmpty()) {
            return;
        }
        if (config.refuseUnsafeTopics()) {
            throw new IllegalStateException("refusing to start: " + String.join("; ", findings.stream()
                    .map(TopicCheck.Finding::message).toList()) + " (streamcast.topics.unsafe=warn starts anyway)");
        }
        findings.forEach(f -> LOG.warn("{} (started anyway: streamcast.topics.unsafe=warn)", f.message()));
    }

    private void stateChanged() {
        synchronized (stateLock) {
            stateLock.notifyAll();
        }
    }

    /** Waits until the streams run (first assignment done); false at the deadline or on failure. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (stateLock) {
            while (running.streams().state() != KafkaStreams.State.RUNNING) {
                if (failed()) {
                    return false;
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    return false;
                }
                stateLock.wait(Math.min(left, 200)); // re-check: a listener call may race the first wait
            }
            return true;
        }
    }

    public KafkaStreams.State state() {
        return running.streams().state();
    }

    /** True once the streams stopped on their own (an error no handler absorbed). */
    public boolean failed() {
        KafkaStreams.State s = running.streams().state();
        return s == KafkaStreams.State.ERROR || (failure != null && !s.isRunningOrRebalancing());
    }

    /** What stopped the streams, if anything. */
    public Throwable failure() {
        return failure;
    }

    /** The HTTP port actually bound. */
    public int httpPort() {
        return http.port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
        http.close();
        stop(running, CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }

    private static void stop(Running r, CloseOptions.GroupMembershipOperation membership) {
        r.streams().close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(membership));
        r.metrics().close();
    }
}
