package io.streamcast.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness as a user's test would use it, through the JUnit extension: a recording written by
 * {@code record} (keys, an unkeyed audio frame, a malformed event) run in-process and
 * compared byte for byte with this test's own golden file.
 */
@ExtendWith(GoldenReplayExtension.class)
class ReplayHarnessTest {
    private static final Path RECORDING = Path.of("src/test/resources/replay/recorded-events.jsonl");

    @Test
    void shouldMatchTheTestsOwnGoldenFile(GoldenCheck golden) {
        assertEquals(Path.of("src/test/resources/golden/ReplayHarnessTest/shouldMatchTheTestsOwnGoldenFile.jsonl"),
                golden.path());
        ReplayOutput out = ReplayHarness.withSettings(Map.of("streamcast.batch.size", "1", "streamcast.horizon", "2"))
                .inProcess(RECORDING);
        golden.assertMatches(out);
    }

    @Test
    void shouldCarryKeysHeadersFramesAndDeadLettersIntoTheOutput() {
        ReplayOutput out = ReplayHarness.withDefaults().inProcess(RECORDING); // batches of 64, flushed at the end
        assertEquals(24 + 3 * 8, out.of("streamcast.scores").size(), "24 sensor events and 3 frames of 8 features");
        assertTrue(out.of("streamcast.scores").stream().anyMatch(r -> "mic-9/centroid".equals(r.key())));
        List<OutputRecord> dead = out.of("streamcast.dlq");
        assertEquals(1, dead.size());
        assertTrue(dead.get(0).toJson().contains("\"streamcast.dlq.kind\":\"malformed\"")
                && dead.get(0).toJson().contains("\"streamcast.dlq.offset\":\"13\""), "line 14 of the recording is offset 13: "
                + dead.get(0).toJson());
    }

    @Test
    void shouldNameTheRecordingAndLineOfABadLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "series,ts,value\ns,2026-11-23T15:00:00Z,1\ns,2026-11-23T15:01:00Z,one\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReplayHarness.withDefaults().inProcess(bad));
        assertTrue(e.getMessage().startsWith(bad + ":3: "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReplayHarness.withDefaults().collecting("no.such.topic"));
    }

    @Test
    void shouldReadTwoColumnCsvForAGivenSeries(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("latency.csv");
        Files.writeString(csv, "timestamp,value\n2026-11-23T15:00:00Z,1.5\n2026-11-23T15:01:00Z,1.7\n");
        ReplayOutput out = ReplayHarness.withDefaults().forSeries("checkout").collecting("streamcast.scores")
                .inProcess(csv);
        assertEquals(List.of("checkout", "checkout"), out.records().stream().map(OutputRecord::key).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReplayHarness.withDefaults().inProcess(csv));
        assertTrue(e.getMessage().startsWith(csv + ":2: ") && e.getMessage().contains("series"), e.getMessage());
    }
}
