package io.streamcast.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One Kafka record as a line of a JSONL recording, written by {@code record} and read by {@code replay}:
 * <pre>{"topic":"t","partition":0,"offset":7,"timestamp":1795532400250,"key":"mic-1","value":"{...}",
 *  "headers":[{"key":"trace","value":"abc"}]}</pre>
 * Keys, values and header values are bytes: written as UTF-8 text under {@code key}/{@code value} when they
 * are valid UTF-8, otherwise base64 under {@code key_base64}/{@code value_base64}; absent or JSON
 * {@code null} means a null key/value (a tombstone keeps its null). {@code timestamp} (epoch ms, or an
 * ISO-8601 string) is required; {@code topic}, {@code partition} and {@code offset} are optional when
 * a recording is written by hand ({@code null} / -1 / -1 when absent). Unknown fields are an error, so a
 * misspelt field is never silently dropped. Byte arrays are copied in and out.
 */
public record RecordLine(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
        List<Header> headers) {

    /** A record header; its value may be null. */
    public record Header(String key, byte[] value) {
        public Header {
            Objects.requireNonNull(key, "header key");
            value = value == null ? null : value.clone();
        }

        @Override
        public byte[] value() {
            return value == null ? null : value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Header h && key.equals(h.key) && Arrays.equals(value, h.value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + show(value);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> FIELDS = Set.of("topic", "partition", "offset", "timestamp", "key", "key_base64",
            "value", "value_base64", "headers");

    public RecordLine {
        if (partition < -1 || offset < -1) {
            throw new IllegalArgumentException("partition and offset must be ≥ 0 (or -1 for unknown), got partition "
                    + partition + ", offset " + offset);
        }
        key = key == null ? null : key.clone();
        value = value == null ? null : value.clone();
        headers = List.copyOf(headers);
    }

    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    /** The line, without a newline. Field order is fixed so that equal records give equal lines. */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        if (topic != null) {
            n.put("topic", topic);
        }
        if (partition >= 0) {
            n.put("partition", partition);
        }
        if (offset >= 0) {
            n.put("offset", offset);
        }
        n.put("timestamp", timestamp);
        putBytes(n, "key", key);
        putBytes(n, "value", value);
        if (!headers.isEmpty()) {
            ArrayNode a = n.putArray("headers");
            for (Header h : headers) {
                ObjectNode hn = a.addObject();
                hn.put("key", h.key());
                putBytes(hn, "value", h.value);
            }
        }
        return n.toString();
    }

    /** Reads one line as a tree, strictly (no trailing data, no duplicate fields). */
    static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (truncated line?): " + e.getOriginalMessage());
        }
    }

    /** Parses one line; the message of the exception says what is wrong (the caller adds file and line). */
    public static RecordLine parse(String line) {
        return parse(tree(line));
    }

    /** Same as {@link #parse(String)} for a line already read as a tree. */
    static RecordLine parse(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field \"" + f + "\" (known: topic, partition, offset,"
                        + " timestamp, key, key_base64, value, value_base64, headers)");
            }
        }
        JsonNode ts = n.get("timestamp");
        if (ts == null || ts.isNull()) {
            throw new IllegalArgumentException("missing \"timestamp\"");
        }
        JsonNode topic = n.get("topic");
        if (topic != null && !topic.isNull() && !topic.isTextual()) {
            throw new IllegalArgumentException("\"topic\" must be text, got " + topic);
        }
        List<Header> headers = new ArrayList<>();
        JsonNode hs = n.get("headers");
        if (hs != null && !hs.isNull()) {
            if (!hs.isArray()) {
                throw new IllegalArgumentException("\"headers\" must be an array of {\"key\",\"value\"}, got " + hs);
            }
            for (JsonNode h : hs) {
                if (!h.isObject() || h.get("key") == null || !h.get("key").isTextual()) {
                    throw new IllegalArgumentException("a header needs a text \"key\", got " + h);
                }
                h.fieldNames().forEachRemaining(f -> {
                    if (!Set.of("key", "value", "value_base64").contains(f)) {
                        throw new IllegalArgumentException("unknown header field \"" + f + "\" in " + h);
                    }
                });
                headers.add(new Header(h.get("key").asText(), bytes(h, "value")));
            }
        }
        return new RecordLine(topic == null || topic.isNull() ? null : topic.asText(), whole(n, "partition"),
                whole(n, "offset"), timestamp(ts), bytes(n, "key"), bytes(n, "value"), headers);
    }

    private static int whole(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return -1;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            throw new IllegalArgumentException("\"" + field + "\" must be a whole number ≥ 0, got " + v);
        }
        return v.asInt();
    }

    private static long timestamp(JsonNode ts) {
        if (ts.isIntegralNumber() && ts.canConvertToLong()) {
            return ts.asLong();
        }
        if (ts.isTextual()) {
            try {
                return Instant.parse(ts.asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("\"timestamp\" must be epoch milliseconds or ISO-8601, got " + ts);
    }

    private static byte[] bytes(JsonNode n, String field) {
        JsonNode text = n.get(field);
        JsonNode b64 = n.get(field + "_base64");
        boolean hasText = text != null && !text.isNull();
        boolean hasB64 = b64 != null && !b64.isNull();
        if (hasText && hasB64) {
            throw new IllegalArgumentException("both \"" + field + "\" and \"" + field + "_base64\" given");
        }
        if (hasText) {
            if (!text.isTextual()) {
                throw new IllegalArgumentException("\"" + field + "\" must be text (the UTF-8 bytes), got " + text);
            }
            return text.asText().getBytes(StandardCharsets.UTF_8);
        }
        if (hasB64) {
            try {
                return Base64.getDecoder().decode(b64.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + field + "_base64\" is not base64: " + e.getMessage());
            }
        }
        return null;
    }

    private static void putBytes(ObjectNode n, String field, byte[] b) {
        if (b == null) {
            return;
        }
        String text = utf8(b);
        if (text != null) {
            n.put(field, text);
        } else {
            n.put(field + "_base64", Base64.getEncoder().encodeToString(b));
        }
    }

    /** The bytes as text when they are valid UTF-8, else null. */
    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String show(byte[] b) {
        if (b == null) {
            return "null";
        }
        String t = utf8(b);
        return t != null ? t : "base64:" + Base64.getEncoder().encodeToString(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordLine r && Objects.equals(topic, r.topic) && partition == r.partition
                && offset == r.offset && timestamp == r.timestamp && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value) && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, timestamp, Arrays.hashCode(key), Arrays.hashCode(value), headers);
    }

    @Override
    public String toString() {
        return "RecordLine[" + topic + "-" + partition + "@" + offset + " ts=" + timestamp + " key=" + show(key)
                + " value=" + show(value) + " headers=" + headers + "]";
    }
}
