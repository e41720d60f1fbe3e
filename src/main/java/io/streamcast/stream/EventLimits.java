package io.streamcast.stream;

import static io.streamcast.stream.Reasons.quote;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What an input record and its event may be, each refusal a readable sentence: the record's size
 * ({@code streamcast.input.max-bytes}, judged before anything is parsed), its key (at most as many bytes as
 * an id can take, valid UTF-8), a series id (printable text of {@code streamcast.series.max-id-length}
 * characters at most) and an event time (1970 to 9999, and within {@code streamcast.input.max-ahead} /
 * {@code max-behind} of the record's own timestamp, so that one event from a broken clock cannot move its
 * series' event time far ahead and make every later good event late).
 */
final class EventLimits {
    /** 9999-12-31T23:59:59.999Z: later times overflow date arithmetic downstream and are no one's clock. */
    static final long MAX_TIMESTAMP = 253_402_300_799_999L;

    private final int maxIdLength;
    private final int maxBytes;
    private final long maxAhead;
    private final long maxBehind;

    EventLimits(int maxIdLength, ServiceConfig.InputLimits limits) {
        this.maxIdLength = maxIdLength;
        this.maxBytes = limits.maxBytes();
        this.maxAhead = millis(limits.maxAhead());
        this.maxBehind = millis(limits.maxBehind());
    }

    int maxIdLength() {
        return maxIdLength;
    }

    /** Refuses a record larger than {@code streamcast.input.max-bytes}, unparsed. */
    void checkSize(byte[] key, byte[] value, Headers headers) throws InvalidEventException {
        long size = size(key, value, headers);
        if (size > maxBytes) {
            throw new InvalidEventException(DeadLetterKind.TOO_LARGE, "record of " + size + " bytes (key, value and "
                    + "headers) is larger than streamcast.input.max-bytes (" + maxBytes + "); not parsed");
        }
    }

    /** Key, value and header bytes: what a record costs before anything of it is parsed. */
    static long size(byte[] key, byte[] value, Headers headers) {
        long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        if (headers != null) {
            for (Header h : headers) {
                size += h.key().length() + (h.value() == null ? 0 : h.value().length);
            }
        }
        return size;
    }

    /** The series id a record key holds, decoded only when it can be one. */
    String keyId(byte[] key) throws InvalidEventException {
        // a UTF-16 unit takes at most 3 UTF-8 bytes: a longer key cannot be a valid id, so it is not decoded
        if (key.length > 3L * maxIdLength) {
            throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "record key has " + key.length
                    + " bytes, longer than a series id of streamcast.series.max-id-length (" + maxIdLength
                    + ") characters can be");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "record key is not valid UTF-8: "
                    + e.getMessage());
        }
    }

    /**
     * An id must be printable text: control characters break logs, URLs and metric labels, and an unpaired
     * surrogate cannot be written as UTF-8 (the output key would differ from the id).
     */
    void checkSeries(String series) throws InvalidEventException {
        if (series.isBlank()) {
            throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "series id is empty");
        }
        if (series.length() > maxIdLength) {
            throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "series id has " + series.length()
                    + " characters, more than the " + maxIdLength + " allowed (starts "
                    + quote(series.substring(0, Math.min(32, maxIdLength))) + ")");
        }
        for (int i = 0; i < series.length(); i++) {
            char c = series.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "series id " + quote(series)
                        + " holds the control character U+" + String.format("%04X", (int) c) + " at " + i);
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < series.length()
                        && Character.isLowSurrogate(series.charAt(i + 1));
                if (!paired) {
                    throw new InvalidEventException(DeadLetterKind.INVALID_SERIES, "series id " + quote(series)
                            + " holds an unpaired surrogate U+" + String.format("%04X", (int) c) + " at " + i);
                }
                i++;
            }
        }
    }

    /** {@code recordTs} is the record's own timestamp; negative: none, the window is not checked. */
    void checkTime(String series, long ts, long recordTs) throws InvalidEventException {
        if (ts < 0) {
            throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + quote(series)
                    + " is before 1970 (" + ts + " ms): Kafka record timestamps cannot be negative");
        }
        if (ts > MAX_TIMESTAMP) {
            throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + quote(series)
                    + " is after the year 9999 (" + ts + " ms)");
        }
        if (recordTs < 0) {
            return;
        }
        if (maxAhead > 0 && ts - recordTs > maxAhead) {
            throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + quote(series) + " ("
                    + Instant.ofEpochMilli(ts) + ") is " + Duration.ofMillis(ts - recordTs) + " ahead of its record's "
                    + "timestamp (" + Instant.ofEpochMilli(recordTs) + "), more than streamcast.input.max-ahead ("
                    + Duration.ofMillis(maxAhead) + ")");
        }
        if (maxBehind > 0 && recordTs - ts > maxBehind) {
            throw new InvalidEventException(DeadLetterKind.INVALID_TIMESTAMP, "ts of series " + quote(series) + " ("
                    + Instant.ofEpochMilli(ts) + ") is " + Duration.ofMillis(recordTs - ts) + " behind its record's "
                    + "timestamp (" + Instant.ofEpochMilli(recordTs) + "), more than streamcast.input.max-behind ("
                    + Duration.ofMillis(maxBehind) + ")");
        }
    }

    private static long millis(Duration d) {
        return d.isZero() ? 0 : Math.max(1, d.toMillis());
    }
}
