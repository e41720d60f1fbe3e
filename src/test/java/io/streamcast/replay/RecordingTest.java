package io.streamcast.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingTest {

    @Test
    void shouldShipTheGeneratorsExactOutput() throws IOException {
        assertEquals(SyntheticRecordings.price(), resource(SyntheticRecordings.PRICE_FILE));
        assertEquals(SyntheticRecordings.audio(), resource(SyntheticRecordings.AUDIO_FILE));
    }

    @Test
    void shouldReadEveryBundledRecording() {
        List<Recording> all = Recording.allBundled();
        assertEquals(3, all.size());
        Recording sensor = all.get(1);
        assertEquals(2913, sensor.events().size());
        assertEquals("machine-temp", sensor.events().get(0).series());
        assertEquals(Instant.parse("2013-12-02T21:15:00Z").toEpochMilli(), sensor.events().get(0).timestamp());
        RecordedEvent frame = all.get(2).events().get(0);
        assertTrue(frame.isFrame());
        assertEquals(32, frame.values().length);
    }

    @Test
    void shouldReadJsonAndCsvLinesAndSkipCommentsAndBlanks() {
        Recording r = read("# comment\n\ns1,1000,1.5\n{\"series\":\"s2\",\"ts\":\"1970-01-01T00:00:02Z\",\"values\":[1,2]}\n");
        assertEquals(List.of(RecordedEvent.scalar("s1", 1000, 1.5),
                RecordedEvent.frame("s2", 2000, new double[] {1, 2})), r.events());
        assertArrayEquals(new double[] {1, 2}, r.events().get(1).values());
    }

    @Test
    void shouldNameRecordingAndLineOfABadEvent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read("s1,1000,1.5\ns1,yesterday,2\n"));
        assertTrue(e.getMessage().startsWith("recording test.csv line 2: ts \"yesterday\""), e.getMessage());
    }

    private static Recording read(String text) {
        return Recording.read("test.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = RecordingTest.class.getResourceAsStream("/recordings/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
