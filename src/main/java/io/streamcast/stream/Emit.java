package io.streamcast.stream;

import java.util.Objects;
import org.apache.kafka.streams.KeyValue;

/** A record bound for an output topic, already serialised: which topic, key bytes and value bytes. */
record Emit(Output output, byte[] key, byte[] value) {
    /** The output topics of the topology. */
    enum Output { FORECAST, ANOMALY, SCORE, DEAD_LETTER }

    Emit {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(value, "value");
    }

    /** Key and value as the sink writes them. */
    KeyValue<byte[], byte[]> keyValue() {
        return KeyValue.pair(key, value);
    }
}
