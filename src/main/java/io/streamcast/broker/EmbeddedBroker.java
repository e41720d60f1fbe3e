package io.streamcast.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) running inside this JVM, built
 * from Kafka's own server classes: what {@code demo} and the integration tests talk to when there
 * is no cluster and no Docker. Data lives in a directory of its own, deleted on close unless the
 * caller supplied it. {@link #start} returns once the broker answers {@code describeCluster}.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final Path dir;
    private final boolean ownsDir;
    private final int port;
    private boolean closed;

    private EmbeddedBroker(KafkaRaftServer server, Path dir, boolean ownsDir, int port) {
        this.server = server;
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.port = port;
    }

    /** Starts a broker on a free port with data in a fresh temporary directory. */
    public static EmbeddedBroker start() {
        return start(0, null);
    }

    /**
     * Starts a broker.
     *
     * @param port the client port, 0 for any free port
     * @param dataDir where the log lives (kept on close), or null for a temporary directory (deleted)
     */
    public static EmbeddedBroker start(int port, Path dataDir) {
        return start(port, dataDir, Map.of());
    }

    /**
     * Starts a broker with some of its server properties changed, e.g. {@code log.retention.check.interval.ms}
     * for a test that watches the broker's retention at work; every other property keeps the value above
     * (Kafka's shipped default where this class sets none).
     */
    public static EmbeddedBroker start(int port, Path dataDir, Map<String, String> overrides) {
        try {
            boolean ownsDir = dataDir == null;
            Path dir = ownsDir ? Files.createTempDirectory("streamcast-broker-") : dataDir;
            Files.createDirectories(dir);
            int[] free = freePorts(2);
            int clientPort = port == 0 ? free[0] : port;
            int controllerPort = free[0] == clientPort ? free[1] : free[0];
            Properties props = serverProperties(dir, clientPort, controllerPort);
            props.putAll(overrides);
            format(dir, props);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            EmbeddedBroker broker = new EmbeddedBroker(server, dir, ownsDir, clientPort);
            try {
                server.startup();
                broker.awaitReady();
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /** {@code localhost:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path dataDir() {
        return dir;
    }

    private static Properties serverProperties(Path dir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        // One node: every internal topic has a single replica, and there is nobody to wait for.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        // The log cleaner allocates its dedupe buffer on the heap at start: Kafka's 128 MB would be most of a
        // small heap shared with the service (and each test JVM); 16 MB compacts a single node's changelogs.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 << 20));
        return p;
    }

    /**
     * Formats the log directory, unless it was formatted before (a restart on the same data): that
     * directory belongs to a cluster id of its own, and formatting it again with a new random one
     * fails even with {@code --ignore-formatted} ("Invalid cluster.id").
     */
    private static void format(Path dir, Properties props) throws IOException {
        Path cfg = dir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(cfg)) {
            props.store(w, "streamcast embedded broker");
        }
        if (Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            return;
        }
        int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
            cfg.toString(), "--ignore-formatted"}, new PrintStream(OutputStream.nullOutputStream()));
        if (rc != 0) {
            throw new IllegalStateException("formatting the embedded broker's storage in " + dir
                    + " failed with exit code " + rc);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Map<String, Object> cfg = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(cfg)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("embedded Kafka broker on " + bootstrapServers()
                                + " did not answer within " + READY_TIMEOUT.toSeconds() + " s", e);
                    }
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the broker", e);
                    }
                }
            }
        }
    }

    /**
     * Distinct free ports: the sockets stay open until all are chosen, so the kernel cannot hand out one port
     * twice (two one-at-a-time probes once gave the client and the controller listener the same port).
     */
    private static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (ownsDir) {
                deleteRecursively(dir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is not worth failing a clean shutdown for.
        }
    }
}
