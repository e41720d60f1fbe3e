package io.streamcast.stream;

import java.util.Objects;

/** Where an input record came from: the coordinates a dead letter names. */
public record Source(String topic, int partition, long offset) {
    static final Source UNKNOWN = new Source("unknown", -1, -1);

    public Source {
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "@" + offset;
    }
}
