package io.streamcast.stream;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamcast.metrics.SeriesMeters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
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
 * <p>Lifecycle: {@link #start} creates missing topics, binds the HTTP port, starts the streams and
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
            createTopics(props, topicsToCreate(config), config.partitions(), config.replication());
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
     * The input topics given by name (a pattern's topics are the user's to create), with the broker's defaults, and
     * every output and the dead-letter topic with the settings of {@link TopicCheck#creationConfigs}.
     */
    static Map<String, Map<String, String>> topicsToCreate(RuntimeConfig config) {
        Map<String, Map<String, String>> topics = new TreeMap<>();
        config.service().topics().input().forEach(t -> topics.put(t, Map.of()));
        TopicCheck.written(config).forEach((t, role) -> {
            if (role != TopicCheck.Role.CONFIG) { // created, compacted, by ConfigTopicWatcher before the service starts
                topics.put(t, TopicCheck.creationConfigs(role, config));
            }
        });
        return topics;
    }

    /**
     * Reads the settings of the topics the service writes to and acts on every {@link TopicCheck.Finding}: with
     * {@code streamcast.topics.unsafe=refuse} (the default) the start fails naming them all; with {@code warn} each
     * is logged. Either way {@code streamcast.topic.unsafe{topic}} tells how many problems each topic has.
     */
    private void checkTopics(Map<String, Object> clientProps, RuntimeConfig config) {
        Map<String, TopicCheck.Role> written = TopicCheck.written(config);
        List<TopicCheck.Finding> findings;
        try (Admin admin = Admin.create(adminProps(clientProps))) {
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

    /** Creates the topics that do not exist yet, with the broker's defaults; existing ones are left as they are. */
    public static void createTopics(Map<String, Object> clientProps, Set<String> names, int partitions, short replication) {
        Map<String, Map<String, String>> topics = new TreeMap<>();
        names.forEach(n -> topics.put(n, Map.of()));
        createTopics(clientProps, topics, partitions, replication);
    }

    /** Creates the topics that do not exist yet, each with its topic settings; existing ones are left as they are. */
    public static void createTopics(Map<String, Object> clientProps, Map<String, Map<String, String>> topics,
            int partitions, short replication) {
        Set<String> names = topics.keySet();
        try (Admin admin = Admin.create(adminProps(clientProps))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> t : topics.entrySet()) {
                if (!existing.contains(t.getKey())) {
                    missing.add(new NewTopic(t.getKey(), partitions, replication).configs(t.getValue()));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // another instance was faster
                    throw e;
                }
            }
            awaitVisible(admin, missing.stream().map(NewTopic::name).toList());
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot create topics " + names + " on " + clientProps.get(
                    CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * Waits until the broker's metadata shows topics just created: the controller has them when createTopics
     * returns, a broker's metadata a moment later, and what is read before (their settings, for the check) would
     * find them missing.
     */
    private static void awaitVisible(Admin admin, List<String> names) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " created but not visible: "
                            + e.getCause().getMessage(), e.getCause());
                }
                TimeUnit.MILLISECONDS.sleep(50); // metadata propagation; bounded by the deadline above
            }
        }
    }

    /** The Kafka client properties an Admin client accepts (connection and security settings). */
    private static Properties adminProps(Map<String, Object> clientProps) {
        Properties p = new Properties();
        Set<String> adminKeys = org.apache.kafka.clients.admin.AdminClientConfig.configNames();
        clientProps.forEach((k, v) -> {
            if (adminKeys.contains(k)) {
                p.put(k, v);
            }
        });
        return p;
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
