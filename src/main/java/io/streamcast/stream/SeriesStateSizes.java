package io.streamcast.stream;

/**
 * The parts of one stored {@link StreamcastTopology#SERIES_STORE} value, in bytes — the one thing of the
 * series state's format shown outside this package (for {@code bench}'s state footprint).
 */
public record SeriesStateSizes(int engine, int detector, int pendingForecasts) {

    /** Decodes a stored series state (any version the service reads). */
    public static SeriesStateSizes of(byte[] stored) {
        SeriesState s = SeriesState.fromBytes(stored);
        return new SeriesStateSizes(s.engine() == null ? 0 : s.engine().length,
                s.detector() == null ? 0 : s.detector().length, s.pendingBytes());
    }
}
