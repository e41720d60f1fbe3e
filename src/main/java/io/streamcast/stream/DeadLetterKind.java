package io.streamcast.stream;

import java.util.Locale;

/** Why a record went to the dead-letter topic; the {@code streamcast.dlq.kind} header carries its code. */
enum DeadLetterKind {
    /** Key, value and headers together exceed {@code streamcast.input.max-bytes}; refused unparsed. */
    TOO_LARGE,
    /** Not JSON or CSV, or not the event shape. */
    MALFORMED,
    /** A required field is absent: series, ts, value/values. */
    MISSING_FIELD,
    /** The value is not a finite number, or a frame is empty. */
    INVALID_VALUE,
    /**
     * The timestamp is neither ISO-8601 nor epoch milliseconds, is before 1970 or after 9999, or is outside
     * {@code streamcast.input.max-ahead} / {@code max-behind} of the record's timestamp.
     */
    INVALID_TIMESTAMP,
    /** The series id is empty, longer than allowed, not valid UTF-8, or holds control characters. */
    INVALID_SERIES,
    /** The event's window had closed (beyond the grace period) when it arrived. */
    LATE,
    /** A processor threw on this record; the stream went on. */
    PROCESSING_ERROR;

    String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
