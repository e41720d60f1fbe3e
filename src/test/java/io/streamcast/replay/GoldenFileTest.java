package io.streamcast.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden comparison: exact and within a tolerance, the mismatch message, the update switch. */
class GoldenFileTest {
    @TempDir
    Path dir;

    private static OutputRecord score(String key, long ts, double value, double expected) {
        String json = "{\"series\":\"" + key + "\",\"value\":" + value + ",\"expected\":" + expected + "}";
        return new OutputRecord("streamcast.scores", key, ts, json.getBytes(StandardCharsets.UTF_8), List.of());
    }

    private static ReplayOutput output(OutputRecord... records) {
        return new ReplayOutput(List.of("streamcast.scores"), List.of(records));
    }

    @Test
    void shouldNameTheFirstDifferingRecordFieldAndBothValues() throws Exception {
        Path golden = dir.resolve("g.jsonl");
        GoldenFile.write(output(score("a", 1, 1.0, 2.0), score("b", 2, 3.0, 4.0)), golden);

        GoldenFile.assertMatches(output(score("a", 1, 1.0, 2.0), score("b", 2, 3.0, 4.0)), golden);
        AssertionError e = assertThrows(AssertionError.class,
                () -> GoldenFile.assertMatches(output(score("a", 1, 1.0, 2.0), score("b", 2, 3.0, 4.5)), golden));
        String m = e.getMessage();
        assertTrue(m.contains(golden.toString()) && m.contains("record 2") && m.contains("topic streamcast.scores")
                && m.contains("key b") && m.contains("field /value/expected: expected 4.0 but was 4.5"), m);
        assertTrue(m.contains("-Dstreamcast.golden.update=true"), m);
    }

    @Test
    void shouldAcceptNumbersWithinTheToleranceAndNothingElse() {
        List<String> expected = output(score("a", 1, 100.0, 2.0)).lines();
        Tolerance tolerance = new Tolerance(1e-9, 1e-6);
        assertEquals(Optional.empty(), GoldenFile.difference(expected,
                output(score("a", 1, 100.00001, 2.0)).lines(), tolerance));
        assertTrue(GoldenFile.difference(expected, output(score("a", 1, 100.00001, 2.0)).lines(), Tolerance.EXACT)
                .isPresent());
        assertTrue(GoldenFile.difference(expected, output(score("a", 1, 100.001, 2.0)).lines(), tolerance)
                .orElseThrow().contains("/value/value"));
        assertTrue(GoldenFile.difference(expected, output(score("z", 1, 100.0, 2.0)).lines(), tolerance)
                .orElseThrow().contains("field /key: expected \"a\" but was \"z\""));
        assertTrue(GoldenFile.difference(expected, output(score("a", 9, 100.0, 2.0)).lines(), tolerance)
                .orElseThrow().contains("field /timestamp"), "timestamps are compared exactly too: 1 vs 9");
    }

    @Test
    void shouldSayWhichRecordsAreMissingOrExtra() {
        List<String> two = output(score("a", 1, 1, 1), score("b", 2, 2, 2)).lines();
        List<String> one = output(score("a", 1, 1, 1)).lines();
        String missing = GoldenFile.difference(two, one, Tolerance.EXACT).orElseThrow();
        assertTrue(missing.contains("expected 2 records but got 1") && missing.contains("first missing")
                && missing.contains("\"key\":\"b\""), missing);
        assertTrue(GoldenFile.difference(one, two, Tolerance.EXACT).orElseThrow().contains("first extra"));
    }

    @Test
    void shouldPointToTheUpdateSwitchWhenTheGoldenFileIsMissingAndWriteItWhenSwitchedOn() throws Exception {
        Path golden = dir.resolve("sub/new.jsonl");
        ReplayOutput out = output(score("a", 1, 1, 1));
        AssertionError e = assertThrows(AssertionError.class, () -> GoldenFile.assertMatches(out, golden));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains(GoldenFile.UPDATE_PROPERTY),
                e.getMessage());

        String before = System.getProperty(GoldenFile.UPDATE_PROPERTY);
        System.setProperty(GoldenFile.UPDATE_PROPERTY, "true");
        try {
            GoldenFile.assertMatches(out, golden);
        } finally {
            if (before == null) {
                System.clearProperty(GoldenFile.UPDATE_PROPERTY);
            } else {
                System.setProperty(GoldenFile.UPDATE_PROPERTY, before);
            }
        }
        assertEquals(out.lines(), Files.readAllLines(golden));
        GoldenFile.assertMatches(out, golden);
        assertThrows(AssertionError.class, () -> GoldenFile.assertMatches(output(score("a", 1, 1, 2)), golden));
    }

    @Test
    void shouldKeepNonJsonValuesAsTextAndHeaders() {
        OutputRecord dead = new OutputRecord("streamcast.dlq", null, 5, "s,ts".getBytes(StandardCharsets.UTF_8),
                List.of(new RecordLine.Header("streamcast.dlq.kind", "malformed".getBytes(StandardCharsets.UTF_8))));
        assertEquals("{\"topic\":\"streamcast.dlq\",\"key\":null,\"timestamp\":5,"
                + "\"headers\":{\"streamcast.dlq.kind\":\"malformed\"},\"value_text\":\"s,ts\"}", dead.toJson());
    }
}
