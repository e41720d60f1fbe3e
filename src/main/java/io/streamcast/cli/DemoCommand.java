package io.streamcast.cli;

import io.streamcast.broker.EmbeddedBroker;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamcast.metrics.Registries;
import io.streamcast.replay.Recording;
import io.streamcast.replay.Replayer;
import io.streamcast.stream.RuntimeConfig;
import io.streamcast.stream.StreamcastService;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streamcast demo}: the whole system on one machine — an embedded KRaft broker, the topics,
 * the service and a replayer feeding the bundled recordings (a price, a sensor with a real failure,
 * audio frames with a click) "as live", each recording stretched over one pass.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts a Kafka broker inside this JVM, the streamcast service and a replay of the recorded"
            + " streams shipped in the jar; prints a status line every few seconds. Ctrl-C stops it cleanly.",
            "Other clients can join: the broker's address is printed as bootstrap.servers=HOST:PORT."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop by itself after this long (e.g. 120s), exit code 0; default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP port for /metrics and /series/{id}/forecast (default ${DEFAULT-VALUE}; 0 = any free).")
    int httpPort;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Port of the embedded broker (default ${DEFAULT-VALUE}; 0 = any free).")
    int kafkaPort;

    @Option(names = "--pass", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "120s",
            description = "Each recording plays over this long, then repeats (default ${DEFAULT-VALUE}).")
    Duration pass;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
            description = "A service configuration key, e.g. -D streamcast.model=ar; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--status-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "5s", description = "How often to print the status line (default ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Option(names = "--verbose", description = "Print the logs of the embedded broker, the Kafka clients and the"
            + " libraries here too, instead of only into the demo's log file.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Logging.quietKafka();
        PrintWriter out = spec.commandLine().getOut();
        requireFree("--kafka-port", kafkaPort);
        requireFree("--http-port", httpPort);
        if (pass.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pass must be longer than 0");
        }
        List<Recording> recordings = Recording.allBundled();
        Path demoDir = Files.createTempDirectory("streamcast-demo-");
        Path stateDir = Files.createDirectory(demoDir.resolve("state"));
        // the broker's and the clients' logs (a retried first transaction logged as ERROR, metadata warnings while
        // topics are created) read as failure: they go to a file that outlives the demo, streamcast's lines stay here
        LogFile logs = verbose ? null : LogFile.install(demoDir.resolve("demo.log"));
        if (logs != null) {
            out.println("logs: " + logs.file() + " (the broker's, the Kafka clients' and the libraries'; --verbose prints"
                    + " them here)");
            out.flush();
        }
        ServiceRunner runner = new ServiceRunner();
        runner.installShutdownHook();
        Thread replay = null;
        Replayer replayer = null;
        boolean interrupted = false;
        try (EmbeddedBroker broker = EmbeddedBroker.start(kafkaPort, null)) {
            out.println("bootstrap.servers=" + broker.bootstrapServers());
            out.flush();
            Map<String, String> config = new LinkedHashMap<>();
            config.put("bootstrap.servers", broker.bootstrapServers());
            config.put("application.id", "streamcast-demo");
            config.put("state.dir", stateDir.toString());
            config.put("streamcast.http.port", Integer.toString(httpPort));
            // One model kind per recording, so the status line compares all three; -D overrides these.
            config.put("streamcast.rules.demo-price.match", "price-*");
            config.put("streamcast.rules.demo-price.model", "ffar");
            config.put("streamcast.rules.demo-sensor.match", "machine-*");
            config.put("streamcast.rules.demo-sensor.model", "lstm");
            config.put("streamcast.config.topic", "streamcast.config"); // try live changes with kcat
            config.putAll(settings);
            RuntimeConfig cfg = RunCommand.parse(spec, config);
            PrometheusMeterRegistry registry = Registries.prometheus();
            try (StreamcastService service = StreamcastService.start(cfg, registry);
                    KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
                String topic = cfg.service().topics().input().get(0);
                out.printf("streamcast demo: replaying %s into %s, each over %ds%n",
                        recordings.stream().map(Recording::name).toList(), topic, pass.toSeconds());
                out.printf("  metrics:  curl -s http://localhost:%d/metrics | grep ^streamcast%n", service.httpPort());
                out.printf("  forecast: curl -s http://localhost:%d/series/machine-temp/forecast%n", service.httpPort());
                out.printf("  outputs:  kcat -b %s -C -t %s -o end%n", broker.bootstrapServers(),
                        cfg.service().topics().forecasts());
                out.printf("  change:   echo 'streamcast.horizon:24' | kcat -b %s -P -t streamcast.config -K:%n",
                        broker.bootstrapServers());
                out.flush();
                if (!service.awaitRunning(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("the service did not start within 60 s (state " + service.state() + ")");
                }
                Clock clock = Clock.systemUTC();
                Replayer r = new Replayer(recordings, pass, clock, Replayer.sleeping(clock),
                        (key, ts, json) -> producer.send(new ProducerRecord<>(topic, null, ts, key, json)));
                replayer = r;
                replay = new Thread(() -> {
                    try {
                        r.run(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "streamcast-replay");
                replay.setDaemon(true);
                replay.start();
                boolean ok;
                try {
                    ok = runner.loop(service, registry, duration, RunCommand.positive(statusInterval), out, clock);
                } catch (InterruptedException e) {
                    // whoever runs the demo in a thread asked it to stop: close everything in order, as on Ctrl-C
                    interrupted = true;
                    ok = true;
                }
                r.stop();
                replay.interrupt();
                replay.join(10_000);
                out.printf("streamcast demo: stopping after %d replayed events%n", r.sent());
                out.flush();
                if (!ok) {
                    throw new IllegalStateException("the stream stopped: " + (service.failure() == null
                            ? service.state() : service.failure().toString()));
                }
            }
        } finally {
            if (replayer != null) {
                replayer.stop();
            }
            deleteRecursively(logs == null ? demoDir : stateDir); // the log file, if any, outlives the demo
            runner.closed();
            if (logs != null) {
                logs.close();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private void requireFree(String option, int port) {
        if (port == 0) {
            return;
        }
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be 0..65535, got " + port);
        }
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " " + port + " is in use ("
                    + e.getMessage() + "); pick another port or 0 for any free one");
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory does not make the demo fail
        }
    }
}
