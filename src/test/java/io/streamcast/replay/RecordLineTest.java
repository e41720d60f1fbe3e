package io.streamcast.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordLineTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRoundTripTextBinaryNullsAndHeaders() {
        RecordLine r = new RecordLine("t", 2, 41, 1_795_532_400_250L, utf8("mic-1"), new byte[] {(byte) 0xff, 0, 7},
                List.of(new RecordLine.Header("trace", utf8("abc")), new RecordLine.Header("empty", null),
                        new RecordLine.Header("bin", new byte[] {(byte) 0xc3})));
        String json = r.toJson();
        assertEquals("{\"topic\":\"t\",\"partition\":2,\"offset\":41,\"timestamp\":1795532400250,\"key\":\"mic-1\","
                + "\"value_base64\":\"/wAH\",\"headers\":[{\"key\":\"trace\",\"value\":\"abc\"},{\"key\":\"empty\"},"
                + "{\"key\":\"bin\",\"value_base64\":\"ww==\"}]}", json);
        assertEquals(r, RecordLine.parse(json));
    }

    @Test
    void shouldKeepATombstoneNullAndAcceptAHandWrittenMinimalLine() {
        RecordLine r = RecordLine.parse("{\"timestamp\":\"2026-11-23T15:00:00Z\",\"key\":\"k\"}");
        assertNull(r.value());
        assertNull(r.topic());
        assertEquals(-1, r.partition());
        assertEquals(-1, r.offset());
        assertEquals(1_795_446_000_000L, r.timestamp());
        assertArrayEquals(utf8("k"), r.key());
    }

    @Test
    void shouldRejectATruncatedLine() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> RecordLine.parse("{\"timestamp\":1,\"key\":\"k\",\"val")).getMessage();
        assertTrue(msg.startsWith("not valid JSON"), msg);
    }

    @Test
    void shouldRejectAnUnknownFieldByName() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> RecordLine.parse("{\"timestamp\":1,\"kye\":\"k\"}")).getMessage();
        assertTrue(msg.contains("unknown field \"kye\""), msg);
    }

    @Test
    void shouldRejectAMissingOrBadTimestamp() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RecordLine.parse("{\"key\":\"k\"}"))
                .getMessage().contains("missing \"timestamp\""));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RecordLine.parse("{\"timestamp\":\"yesterday\"}")).getMessage().contains("yesterday"));
    }

    @Test
    void shouldRejectTrailingGarbageAndTwoEncodingsOfOneField() {
        assertThrows(IllegalArgumentException.class, () -> RecordLine.parse("{\"timestamp\":1} {\"timestamp\":2}"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RecordLine.parse("{\"timestamp\":1,\"value\":\"a\",\"value_base64\":\"YQ==\"}")).getMessage()
                .contains("both"));
    }
}
