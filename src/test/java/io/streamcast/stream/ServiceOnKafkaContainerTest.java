package io.streamcast.stream;

import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same service contract on Apache Kafka in a container, where Docker exists; without Docker the
 * class is skipped (reported as skipped, not failed).
 */
@Testcontainers(disabledWithoutDocker = true)
class ServiceOnKafkaContainerTest extends ServiceOnKafkaContract {

    private KafkaContainer kafka;

    @Override
    String startBroker() {
        kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.0"));
        kafka.start();
        return kafka.getBootstrapServers();
    }

    @Override
    void stopBroker() {
        if (kafka != null) {
            kafka.stop();
        }
    }
}
