package io.streamcast.stream;

import java.util.Objects;

/**
 * An input event that passed parsing: one finite value of one series at an event time (epoch ms),
 * whether the input record carried the series id as its key, and where it came from.
 */
public record ParsedEvent(String series, long timestamp, double value, boolean keyed, Source source) {
    public ParsedEvent {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(source, "source");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("event of series " + series + " at " + timestamp
                    + " has a non-finite value " + value);
        }
    }
}
