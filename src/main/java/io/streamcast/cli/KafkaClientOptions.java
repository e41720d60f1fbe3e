package io.streamcast.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** Where the Kafka cluster is and any client property for it: the options of every command that talks to Kafka. */
final class KafkaClientOptions {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka brokers.")
    String bootstrapServers;

    @Option(names = {"-X", "--kafka"}, paramLabel = "KEY=VALUE",
            description = "A Kafka client property (e.g. security.protocol=SSL, compression.type=lz4); repeatable.")
    Map<String, String> kafka = new LinkedHashMap<>();

    /** The client properties given, with the bootstrap servers: a fresh map the command may add its defaults to. */
    Map<String, Object> properties() {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}
