package io.streamcast.stream;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
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

    private final KafkaStreams streams;
    private final HttpApi http;
    private final KafkaStreamsMetrics streamsMetrics;
    private final Object stateLock = new Object();
    private volatile Throwable failure;
    private boolean closed;

    private StreamcastService(KafkaStreams streams, HttpApi http, KafkaStreamsMetrics streamsMetrics) {
        this.streams = streams;
        this.http = http;
        this.streamsMetrics = streamsMetrics;
    }

    /** Starts an instance; the registry receives our meters and Kafka Streams' own. */
    public static StreamcastService start(RuntimeConfig config, PrometheusMeterRegistry registry) {
        ServiceConfig service = config.service();
        Map<String, Object> props = StreamcastTopology.streamsProperties(service);
        if (!props.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("no bootstrap.servers configured: give --bootstrap-servers or set"
                    + " bootstrap.servers in the configuration");
        }
        if (config.createTopics()) {
            createTopics(props, topicsToCreate(service), config.partitions(), config.replication());
        }
        HttpApi http = new HttpApi(config.httpHost(), config.httpPort(), registry);
        try {
            HostInfo self = new HostInfo(config.advertisedHost(), http.port());
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
            Properties p = new Properties();
            p.putAll(props);
            KafkaStreams streams = new KafkaStreams(StreamcastTopology.build(service, RegistryEngines.INSTANCE,
                    new MicrometerStreamcastMetrics(registry)), p);
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
            StreamcastService s = new StreamcastService(streams, http, streamsMetrics);
            streams.setStateListener((now, before) -> s.stateChanged());
            streams.setUncaughtExceptionHandler(e -> {
                s.failure = e;
                LOG.error("stream thread failed; stopping this instance", e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            http.attach(streams, self);
            http.start();
            streams.start();
            LOG.info("streamcast started: application.id={} http=http://{}:{}", props.get(StreamsConfig.APPLICATION_ID_CONFIG),
                    config.httpHost(), http.port());
            return s;
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** The input topics given by name (a pattern's topics are the user's to create) and every output. */
    static Set<String> topicsToCreate(ServiceConfig service) {
        Set<String> topics = new TreeSet<>(service.topics().input());
        topics.addAll(StreamcastTopology.outputTopics(service));
        return topics;
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    public static void createTopics(Map<String, Object> clientProps, Set<String> names, int partitions, short replication) {
        try (Admin admin = Admin.create(adminProps(clientProps))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replication));
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
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot create topics " + names + " on " + clientProps.get(
                    CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
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
            while (streams.state() != KafkaStreams.State.RUNNING) {
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
        return streams.state();
    }

    /** True once the streams stopped on their own (an error no handler absorbed). */
    public boolean failed() {
        KafkaStreams.State s = streams.state();
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
        http.close();
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        streamsMetrics.close();
    }
}
