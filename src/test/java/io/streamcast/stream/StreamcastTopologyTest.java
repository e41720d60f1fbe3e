package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class StreamcastTopologyTest {

    @Test
    void shouldNameEveryNodeStoreAndRepartitionTopic() {
        ServiceConfig config = ServiceConfig.from(Map.of("streamcast.topics.scores", "streamcast.scores"));
        TopologyDescription d = StreamcastTopology.build(config, RegistryEngines.INSTANCE, StreamcastMetrics.NONE)
                .describe();
        Set<String> stores = new TreeSet<>();
        Set<String> sinks = new TreeSet<>();
        for (TopologyDescription.Subtopology s : d.subtopologies()) {
            for (TopologyDescription.Node n : s.nodes()) {
                assertFalse(n.name().startsWith("KSTREAM-") || n.name().startsWith("KTABLE-"),
                        "generated node name " + n.name());
                if (n instanceof TopologyDescription.Processor p) {
                    stores.addAll(p.stores());
                }
                if (n instanceof TopologyDescription.Sink k) {
                    sinks.add(k.topic());
                }
            }
        }
        assertEquals(new TreeSet<>(Set.of(StreamcastTopology.RESAMPLE_STORE, StreamcastTopology.BUFFER_STORE,
                StreamcastTopology.SERIES_STORE, StreamcastTopology.CHECKPOINT_STORE,
                StreamcastTopology.LATEST_FORECAST_STORE)), stores);
        assertTrue(sinks.contains(StreamcastTopology.BY_SERIES + "-repartition"), sinks::toString);
        assertTrue(sinks.containsAll(Set.of("streamcast.forecasts", "streamcast.anomalies", "streamcast.scores",
                "streamcast.dlq")), sinks::toString);
        assertEquals(1, d.subtopologies().size(), "keyed and re-keyed events of a series meet in one task");
    }
}
