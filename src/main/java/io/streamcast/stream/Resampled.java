package io.streamcast.stream;

import java.util.Objects;

/**
 * One regular step of one series after resampling: the window's start (epoch ms) and its value.
 * {@code filled} marks a value interpolated across a gap (learned from, but neither scored nor
 * settled); {@code reset} asks for the series' model state to be dropped before this value.
 */
record Resampled(String series, long timestamp, double value, boolean filled, boolean reset, Source source) {
    Resampled {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(source, "source");
    }
}
