package io.streamcast.replay;

import java.util.Arrays;
import java.util.Objects;

/**
 * One event of a recording: a series id, its original event time (epoch ms) and either a scalar
 * {@code value} or a {@code values} frame (never both). The frame is copied in and out.
 */
public record RecordedEvent(String series, long timestamp, double value, double[] values) {
    public RecordedEvent {
        Objects.requireNonNull(series, "series");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("recorded event at " + timestamp + " has an empty series id");
        }
        values = values == null ? null : values.clone();
    }

    static RecordedEvent scalar(String series, long timestamp, double value) {
        return new RecordedEvent(series, timestamp, value, null);
    }

    static RecordedEvent frame(String series, long timestamp, double[] values) {
        return new RecordedEvent(series, timestamp, Double.NaN, values);
    }

    public boolean isFrame() {
        return values != null;
    }

    @Override
    public double[] values() {
        return values == null ? null : values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedEvent e && series.equals(e.series) && timestamp == e.timestamp
                && Double.compare(value, e.value) == 0 && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, timestamp, value, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "RecordedEvent[" + series + " @" + timestamp + ", "
                + (values == null ? "value=" + value : "values=" + Arrays.toString(values)) + "]";
    }
}
