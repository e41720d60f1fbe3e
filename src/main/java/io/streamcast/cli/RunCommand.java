package io.streamcast.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamcast.metrics.Registries;
import io.streamcast.stream.ConfigLoader;
import io.streamcast.stream.RuntimeConfig;
import io.streamcast.stream.StreamcastService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code streamcast run}: the service against any Kafka cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the streamcast service against a Kafka cluster: reads events, publishes forecasts and"
            + " anomalies, answers GET /series/{id}/forecast and serves /metrics.",
            "Configuration: the --config file, then STREAMCAST_* / STREAMCAST_KAFKA_* environment variables, then"
            + " flags (later wins). Any Kafka client property (SASL/SSL) passes through."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (else bootstrap.servers from the configuration).")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (streamcast.* and Kafka keys).")
    Path config;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "A configuration key; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port (streamcast.http.port, default 8080).")
    Integer httpPort;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory (state.dir).")
    Path stateDir;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Kafka Streams application.id; instances with the same id share the work (default streamcast).")
    String applicationId;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop by itself after this long (e.g. 10m); default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--status-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "5s", description = "How often to print the status line (default ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        if (bootstrapServers != null) {
            flags.put("bootstrap.servers", bootstrapServers);
        }
        if (httpPort != null) {
            flags.put("streamcast.http.port", httpPort.toString());
        }
        if (stateDir != null) {
            flags.put("state.dir", stateDir.toString());
        }
        if (applicationId != null) {
            flags.put("application.id", applicationId);
        }
        RuntimeConfig cfg = parse(spec, ConfigLoader.load(config, System.getenv(), flags));
        Logging.quietKafka();
        PrometheusMeterRegistry registry = Registries.prometheus();
        ServiceRunner runner = new ServiceRunner();
        runner.installShutdownHook();
        try (StreamcastService service = StreamcastService.start(cfg, registry)) {
            spec.commandLine().getOut().printf("streamcast running: http://%s:%d/metrics%n", cfg.httpHost(),
                    service.httpPort());
            boolean ok = runner.loop(service, registry, duration, positive(statusInterval), spec.commandLine().getOut(),
                    Clock.systemUTC());
            if (!ok) {
                throw new IllegalStateException("the stream stopped: " + (service.failure() == null ? service.state()
                        : service.failure().toString()));
            }
        } finally {
            runner.closed();
        }
        return 0;
    }

    /** Turns a configuration error into a usage error (exit code 2) that names the key. */
    static RuntimeConfig parse(CommandLine.Model.CommandSpec spec, Map<String, String> merged) {
        try {
            return RuntimeConfig.from(merged);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid configuration: " + e.getMessage(), e);
        }
    }

    static Duration positive(Duration d) {
        return d.isZero() ? Duration.ofDays(365) : d;
    }
}
