package io.streamcast.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One record the service wrote to an output topic during a replay: topic, key (text), record
 * timestamp, value bytes and headers. {@link #toJson()} is its line in a golden file.
 */
public record OutputRecord(String topic, String key, long timestamp, byte[] value, List<RecordLine.Header> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public OutputRecord {
        Objects.requireNonNull(topic, "topic");
        value = value == null ? null : value.clone();
        headers = List.copyOf(headers);
    }

    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    /**
     * The golden-file line, fields in a fixed order: {@code topic, key, timestamp, headers} (an object,
     * header values as text) and {@code value} — embedded as JSON when the value is a JSON object or
     * array (so numeric fields can be compared within a tolerance), else as {@code value_text}.
     */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("topic", topic);
        n.put("key", key);
        n.put("timestamp", timestamp);
        if (!headers.isEmpty()) {
            ObjectNode h = n.putObject("headers");
            for (RecordLine.Header header : headers) {
                h.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        JsonNode tree = tree(value);
        if (tree != null) {
            n.set("value", tree);
        } else {
            n.put("value_text", value == null ? null : new String(value, StandardCharsets.UTF_8));
        }
        return n.toString();
    }

    private static JsonNode tree(byte[] value) {
        if (value == null || value.length == 0 || (value[0] != '{' && value[0] != '[')) {
            return null;
        }
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputRecord r && topic.equals(r.topic) && Objects.equals(key, r.key)
                && timestamp == r.timestamp && Arrays.equals(value, r.value) && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, key, timestamp, Arrays.hashCode(value), headers);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
