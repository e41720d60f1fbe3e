package io.streamcast.stream;

import io.streamcast.broker.EmbeddedBroker;

/** The service contract on the KRaft broker that runs inside the test JVM. */
class ServiceOnEmbeddedBrokerTest extends ServiceOnKafkaContract {

    private EmbeddedBroker broker;

    @Override
    String startBroker() {
        broker = EmbeddedBroker.start();
        return broker.bootstrapServers();
    }

    @Override
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }
}
