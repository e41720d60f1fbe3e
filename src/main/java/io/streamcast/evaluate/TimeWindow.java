package io.streamcast.evaluate;

/** A labelled anomaly window as epoch milliseconds, both ends inclusive (one entry of a NAB labels file). */
public record TimeWindow(long start, long end) {

    public TimeWindow {
        if (end < start) {
            throw new IllegalArgumentException("window ends (" + end + ") before it starts (" + start + ")");
        }
    }
}
