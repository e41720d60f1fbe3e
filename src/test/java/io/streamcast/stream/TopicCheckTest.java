package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.stream.ServiceConfig.OutputTimestamp;
import io.streamcast.stream.TopicCheck.Finding;
import io.streamcast.stream.TopicCheck.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicCheckTest {

    private static final Map<String, String> KAFKA_DEFAULTS = Map.of("cleanup.policy", "delete",
            "retention.ms", "604800000", "message.timestamp.type", "CreateTime",
            "message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE));

    private static List<String> reasons(String topic, Role role, Map<String, String> settings, OutputTimestamp stamp) {
        return TopicCheck.findings(topic, role, settings, stamp).stream().map(Finding::reason).toList();
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(KAFKA_DEFAULTS);
        m.put(key, value);
        return m;
    }

    @Test
    void shouldFindNothingToFearInATopicWithKafkasDefaultsWhenOutputsCarryThePublicationTime() {
        assertEquals(List.of(), reasons("f", Role.OUTPUT, KAFKA_DEFAULTS, OutputTimestamp.PUBLISH));
        assertEquals(List.of(), reasons("d", Role.DEAD_LETTERS, KAFKA_DEFAULTS, OutputTimestamp.PUBLISH));
    }

    @Test
    void shouldNameATimeRetentionWhenOutputsCarryTheirEventsTime() {
        List<Finding> f = TopicCheck.findings("f", Role.OUTPUT, KAFKA_DEFAULTS, OutputTimestamp.EVENT);
        assertEquals(List.of("event-time-retention"), f.stream().map(Finding::reason).toList());
        assertTrue(f.get(0).message().startsWith("topic f deletes records stamped more than 7 d ago"),
                f.get(0).message());
        assertEquals(List.of(), reasons("f", Role.OUTPUT, with("retention.ms", "-1"), OutputTimestamp.EVENT));
        assertEquals(List.of(), reasons("f", Role.OUTPUT, with("message.timestamp.type", "LogAppendTime"),
                OutputTimestamp.EVENT), "the broker's clock stamps the records: retention counts from publication");
        assertEquals(List.of(), reasons("f", Role.OUTPUT, with("cleanup.policy", ""), OutputTimestamp.EVENT),
                "no cleanup policy: kept forever");
        Map<String, String> refusing = with("retention.ms", "-1");
        refusing.put("message.timestamp.before.max.ms", "86400000");
        assertEquals(List.of("event-time-refused"), reasons("f", Role.OUTPUT, refusing, OutputTimestamp.EVENT));
    }

    @Test
    void shouldNameACompactedOutputOrDeadLetterTopic() {
        assertEquals(List.of("compacted"), reasons("f", Role.OUTPUT, with("cleanup.policy", "compact"),
                OutputTimestamp.PUBLISH));
        assertEquals(List.of("compacted", "event-time-retention"), reasons("d", Role.DEAD_LETTERS,
                with("cleanup.policy", "compact,delete"), OutputTimestamp.EVENT));
    }

    @Test
    void shouldNameAConfigTopicThatDeletesOverridesByAge() {
        assertEquals(List.of("config-expires"), reasons("c", Role.CONFIG, KAFKA_DEFAULTS, OutputTimestamp.PUBLISH));
        assertEquals(List.of(), reasons("c", Role.CONFIG, with("cleanup.policy", "compact"), OutputTimestamp.PUBLISH));
        assertEquals(List.of(), reasons("c", Role.CONFIG, with("retention.ms", "-1"), OutputTimestamp.EVENT));
    }

    @Test
    void shouldCreateOutputsThatDeleteByPublicationTimeAndACompactedConfigTopic() {
        RuntimeConfig config = RuntimeConfig.from(Map.of("streamcast.create-topics.retention", "3d",
                "streamcast.create-topics.dlq-retention", "forever"));
        assertEquals(Map.of("cleanup.policy", "delete", "retention.ms", "259200000", "message.timestamp.type",
                "CreateTime"), TopicCheck.creationConfigs(Role.OUTPUT, config));
        assertEquals("-1", TopicCheck.creationConfigs(Role.DEAD_LETTERS, config).get("retention.ms"));
        assertEquals(Map.of("cleanup.policy", "compact"), TopicCheck.creationConfigs(Role.CONFIG, config));
        RuntimeConfig defaults = RuntimeConfig.from(Map.of());
        assertEquals("604800000", TopicCheck.creationConfigs(Role.OUTPUT, defaults).get("retention.ms"));
        assertEquals("2592000000", TopicCheck.creationConfigs(Role.DEAD_LETTERS, defaults).get("retention.ms"));
    }
}
