package io.streamcast.series;

import java.util.Objects;

/**
 * One value of one series at an event time (epoch milliseconds). The value may be non-finite:
 * whoever learns from it decides, and counts, what to skip — an observation is never fatal.
 */
public record Observation(String series, long timestamp, double value) {
    public Observation {
        Objects.requireNonNull(series, "series");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("series id must not be empty (timestamp " + timestamp + ")");
        }
    }
}
