package io.streamcast.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A JSON writer for the one hot output, the forecast: plain ASCII strings, numbers and instants written
 * straight into a byte array, exactly as Jackson's generator writes them in {@link OutputJson} (a double as
 * {@link Double#toString(double)}, an instant as {@link Instant#toString()}). The forecast took a fifth of
 * AR's stream thread through the generator (JFR, issue 13); the bytes are the same, which the golden
 * replays and {@code OutputJsonTest} hold. Strings that would need escaping are not for this writer:
 * {@link #plain} says which are.
 */
final class AsciiJson {
    /** Instants from 1970 to the end of 9999 are written here; others (signed years) by {@link Instant#toString()}. */
    private static final long MAX_FAST_MILLIS = 253_402_300_800_000L;

    private byte[] buf;
    private int size;

    AsciiJson(int capacity) {
        buf = new byte[capacity];
    }

    /** Whether Jackson writes {@code s} as it is between quotes: printable ASCII without quote or backslash. */
    static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Raw ASCII: punctuation and field names, which the caller writes quoted where JSON wants them. */
    AsciiJson raw(String ascii) {
        ensure(ascii.length());
        ascii.getBytes(0, ascii.length(), buf, size); // ASCII only: the deprecated copy is exact and allocation-free
        size += ascii.length();
        return this;
    }

    /** A plain string (see {@link #plain}), quoted. */
    AsciiJson string(String plain) {
        return raw("\"").raw(plain).raw("\"");
    }

    /** A finite number as Jackson writes it, or {@code null}. */
    AsciiJson number(double v) {
        return raw(Double.isFinite(v) ? Double.toString(v) : "null");
    }

    /** {@link Instant#ofEpochMilli}{@code (millis).toString()}, quoted. */
    AsciiJson instant(long millis) {
        if (millis < 0 || millis >= MAX_FAST_MILLIS) {
            return string(Instant.ofEpochMilli(millis).toString());
        }
        long days = Math.floorDiv(millis, 86_400_000L);
        int ms = (int) Math.floorMod(millis, 86_400_000L);
        LocalDate d = LocalDate.ofEpochDay(days);
        ensure(26);
        buf[size++] = '"';
        digits(d.getYear(), 4);
        buf[size++] = '-';
        digits(d.getMonthValue(), 2);
        buf[size++] = '-';
        digits(d.getDayOfMonth(), 2);
        buf[size++] = 'T';
        digits(ms / 3_600_000, 2);
        buf[size++] = ':';
        digits(ms / 60_000 % 60, 2);
        buf[size++] = ':';
        digits(ms / 1000 % 60, 2);
        if (ms % 1000 != 0) {
            buf[size++] = '.';
            digits(ms % 1000, 3);
        }
        buf[size++] = 'Z';
        buf[size++] = '"';
        return this;
    }

    private void digits(int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            buf[size + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += width;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    @Override
    public String toString() {
        return new String(buf, 0, size, StandardCharsets.US_ASCII);
    }
}
