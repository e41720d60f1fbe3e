package io.streamcast.cli;

import io.streamcast.evaluate.Timestamps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code score} end to end on {@code src/test/resources/score/messy.csv}: 400 rows of a noisy
 * sine with an incident at rows 300–303 (lines 302–305), an empty line (52), a bad number (82),
 * NaN (102), a ragged row (122), a repeated timestamp (142) and one that goes backwards (162).
 */
class ScoreCommandTest {

    @TempDir
    Path dir;
    private Path messy;
    private Path labels;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void copyFixtures() throws IOException {
        Path score = Files.createDirectories(dir.resolve("data/score"));
        messy = copy("messy.csv", score);
        labels = copy("windows.json", dir);
        copy("noheader.csv", score);
    }

    private Path copy(String name, Path to) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/score/" + name)) {
            Path target = to.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldWriteOneRowPerInputRowInInputOrder() throws IOException {
        Path result = dir.resolve("scores.csv");
        assertEquals(0, run("score", "--input", messy.toString(), "--out", result.toString()), err.toString());
        List<String> in = Files.readAllLines(messy);
        List<String> rows = Files.readAllLines(result);
        assertEquals(in.size(), rows.size());
        assertEquals("timestamp,value,expected,anomaly_score,flag", rows.get(0));
        for (int line = 2; line <= in.size(); line++) {
            String[] f = rows.get(line - 1).split(",", -1);
            assertEquals(5, f.length, "line " + line);
            String[] source = in.get(line - 1).split(",", -1);
            assertEquals(source[0], f[0], "line " + line);
        }
        for (int badLine : new int[] {52, 82, 102, 122}) {
            String[] f = rows.get(badLine - 1).split(",", -1);
            assertEquals("", f[2], "line " + badLine + " has no expectation");
            assertEquals("0.0", f[3], "line " + badLine);
            assertEquals("0", f[4], "line " + badLine);
        }
        assertEquals(",,,0.0,0", rows.get(51));
        assertTrue(rows.get(141).split(",", -1)[2].length() > 0, "a repeated stamp is scored");
        assertTrue(rows.get(161).split(",", -1)[2].length() > 0, "a backward stamp is scored");
        String summary = err.toString();
        assertTrue(summary.contains("4 bad rows skipped (first: line 52: empty line)"), summary);
        assertTrue(summary.contains("2 rows with a repeated or backward timestamp"), summary);
    }

    @Test
    void shouldFlagTheIncidentOnceAndNothingElse() throws IOException {
        Path result = dir.resolve("scores.csv");
        assertEquals(0, run("score", "--input", messy.toString(), "--out", result.toString()), err.toString());
        List<String> rows = Files.readAllLines(result);
        List<Integer> flaggedLines = new java.util.ArrayList<>();
        for (int line = 2; line <= rows.size(); line++) {
            if (rows.get(line - 1).endsWith(",1")) {
                flaggedLines.add(line);
            }
        }
        assertEquals(1, flaggedLines.size(), "flagged lines " + flaggedLines);
        assertTrue(flaggedLines.get(0) >= 302 && flaggedLines.get(0) <= 305, "flagged lines " + flaggedLines);
    }

    @Test
    void shouldPrintTheWindowsEvaluationForThreeProfiles() {
        assertEquals(0, run("score", "--input", messy.toString(), "--out", dir.resolve("s.csv").toString(),
                "--labels", labels.toString()), err.toString());
        String report = out.toString();
        assertTrue(report.contains("of 1 files, 1 windows"), report);
        for (String profile : new String[] {"standard", "reward_low_FP_rate", "reward_low_FN_rate"}) {
            String row = report.lines().filter(l -> l.startsWith(profile)).findFirst().orElseThrow();
            String[] f = row.trim().split("\\s+");
            // one window, detected, no false alarm: normalised = 100 × (reward + fn) / (tp + fn) > 90
            assertEquals("1", f[4], row);
            assertEquals("0", f[6], row);
            assertTrue(Double.parseDouble(f[3]) > 90, row);
        }
    }

    @Test
    void shouldAgreeWithEvaluateOnItsOwnOutput() throws IOException {
        Path outDir = Files.createDirectories(dir.resolve("agree"));
        assertEquals(0, run("score", "--input", messy.toString(), "--out", outDir.resolve("messy.csv").toString(), "--labels",
                labels.toString()), err.toString());
        List<String> scored = profileRows(out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("evaluate", "--labels", labels.toString(), outDir.toString()), err.toString());
        assertEquals(scored, profileRows(out.toString()));
    }

    /** The three profile rows of the swept table (the first three lines starting with a profile name). */
    private static List<String> profileRows(String report) {
        return report.lines().filter(l -> l.startsWith("standard") || l.startsWith("reward_low")).limit(3).toList();
    }

    @Test
    void shouldWriteOneOutputPerInputIntoADirectory() throws IOException {
        Path other = Files.createDirectories(dir.resolve("data/other"));
        Path copy = Files.copy(messy, other.resolve("elsewhere.csv"));
        Path outDir = dir.resolve("out");
        assertEquals(0, run("score", "--input", messy.toString(), copy.toString(), "--out", outDir.toString(),
                "--labels", labels.toString()), err.toString());
        assertEquals(401, Files.readAllLines(outDir.resolve("messy.csv")).size());
        assertEquals(401, Files.readAllLines(outDir.resolve("elsewhere.csv")).size());
        assertTrue(out.toString().contains("of 2 files, 1 windows"), out.toString());
    }

    @Test
    void shouldFailWithFileAndLineOnABadRowWhenStrict() {
        assertEquals(1, run("score", "--strict", "--input", messy.toString(), "--out", dir.resolve("s.csv").toString()));
        assertTrue(err.toString().contains(messy + ":52: empty line"), err.toString());
    }

    @Test
    void shouldFailNamingFileAndLineWithoutAHeader() {
        Path bad = messy.resolveSibling("noheader.csv");
        assertEquals(1, run("score", "--input", bad.toString(), "--out", dir.resolve("s.csv").toString()));
        assertTrue(err.toString().contains(bad + ":1: expected the header 'timestamp,value', got 'time,value'"),
                err.toString());
    }

    @Test
    void shouldFailNamingAnInputMissingFromTheLabels() throws IOException {
        Path stray = Files.copy(messy, dir.resolve("stray.csv"));
        assertEquals(1, run("score", "--input", stray.toString(), "--out", dir.resolve("s.csv").toString(),
                "--labels", labels.toString()));
        assertTrue(err.toString().contains(stray + ": no entry in " + labels), err.toString());
    }

    @Test
    void shouldFailOnAMissingFile() {
        assertEquals(1, run("score", "--input", dir.resolve("nope.csv").toString(), "--out", dir.resolve("s.csv").toString()));
        assertTrue(err.toString().contains("nope.csv: no such file"), err.toString());
    }

    @Test
    void shouldReportBadUsageWithExitCodeTwo() {
        assertEquals(2, run("score", "--input", messy.toString()));
        assertTrue(err.toString().contains("--out"), err.toString());
        assertEquals(2, run("score", "--input", messy.toString(), "--out", "x.csv", "--model", "nosuch"));
        assertTrue(err.toString().contains("unknown model 'nosuch'"), err.toString());
        assertEquals(2, run("score", "--input", messy.toString(), "--out", "x.csv", "--set",
                "streamcast.anomaly.threshold=2"));
        assertTrue(err.toString().contains("streamcast.anomaly.threshold must be in (0, 1]"), err.toString());
        assertEquals(2, run("score", "--input", messy.toString(), "--out", "x.csv", "--set",
                "streamcast.anomaly.treshold=0.5"));
        assertTrue(err.toString().contains("unknown configuration key streamcast.anomaly.treshold; did you mean "
                + "streamcast.anomaly.threshold?"), err.toString());
        assertEquals(2, run("score", "--input", messy.toString(), "--out", "x.csv", "--set",
                "streamcast.model.ar.ordr=3"));
        assertTrue(err.toString().contains("streamcast.model.ar.ordr"), err.toString());
        assertEquals(2, run("score", "--input", messy.toString(), "--out", "x.csv", "--set",
                "streamcast.anomly.threshold=0.5"));
        assertTrue(err.toString().contains("--set streamcast.anomly.threshold: score reads only"), err.toString());
    }

    @Test
    void shouldReadNabAndIsoTimestamps() {
        assertEquals(1396311300000L, Timestamps.parse("2014-04-01 00:15:00"));
        assertEquals(1396311300000L, Timestamps.parse("2014-04-01 00:15:00.000000"));
        assertEquals(1396311300000L, Timestamps.parse("2014-04-01T00:15:00Z"));
        assertEquals(1396311300000L, Timestamps.parse("2014-04-01T02:15:00+02:00"));
        assertEquals(1396311300000L, Timestamps.parse("1396311300000"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Timestamps.parse("yesterday")).getMessage().contains("'yesterday'"));
    }
}
