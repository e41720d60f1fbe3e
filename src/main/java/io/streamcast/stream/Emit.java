package io.streamcast.stream;

import java.util.Objects;

/** A record bound for an output topic, already serialised: which topic, key bytes and value bytes. */
record Emit(Output output, byte[] key, byte[] value) {
    /** The output topics of the topology. */
    enum Output { FORECAST, ANOMALY, SCORE, DEAD_LETTER }

    Emit {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(value, "value");
    }
}
