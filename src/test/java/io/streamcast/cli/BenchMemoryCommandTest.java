package io.streamcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench memory} runs the service on a real (embedded) broker over many distinct series and its
 * counts add up: the cache holds what it may, every series beyond it was evicted, every evicted one came
 * back for its next event, every series is stored. It asserts no heap size or speed: that is what it measures.
 */
class BenchMemoryCommandTest {

    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void shouldEvictEverySeriesBeyondTheCacheAndBringItBackOnItsNextEvent() throws Exception {
        Path json = tmp.resolve("memory.json");
        Path state = tmp.resolve("state");
        int series = 1_000;
        int cache = 100;
        // two tasks share the cache; two rounds: every series evicted in round 1 is restored in round 2
        String[] r = run("bench", "memory", "--series", Integer.toString(series), "--rounds", "2", "--cache",
                Integer.toString(cache), "--partitions", "2", "--sample-every", "500", "--state-dir", state.toString(),
                "--json", json.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("| service |") && r[1].contains("evictions"), r[1]);

        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        JsonNode samples = doc.get("samples");
        JsonNode last = samples.get(samples.size() - 1);
        assertEquals(2 * series, last.get("events").asLong(), "a forecast for every event");
        assertEquals(cache, last.get("live").asLong(), "the cache is full at the end, and no fuller: the two tasks "
                + "share it rather than keep " + cache + " each");
        assertEquals(2L * series - cache, last.get("evictions").asLong(),
                "each series entered memory once per round; all but the " + cache + " still there left it");
        assertEquals(series, doc.get("storedSeries").asLong(), "every series has its state in the store");
        assertEquals("broker + events, service not started", samples.get(0).get("phase").asText());
        for (JsonNode s : samples) {
            assertTrue(s.get("live").asLong() <= cache, "live series never exceed the cache: " + s);
            assertTrue(s.get("heapAfterGcBytes").asLong() > 0 && s.get("rssBytes").asLong() != 0, s.toString());
        }
        assertTrue(doc.get("stateDirBytes").asLong() > 0);
        assertTrue(Files.isDirectory(state), "a given state directory is kept");
    }

    @Test
    void shouldRefuseAZeroSeriesCountAnUnknownModelABadKeyOrAStateDirectoryInUseAsBadUsage() throws Exception {
        String[] r = run("bench", "memory", "--series", "0");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--series"), r[2]);
        r = run("bench", "memory", "--model", "nope");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("nope") && r[2].contains("known models"), r[2]);
        r = run("bench", "memory", "-D", "streamcast.rocksdb.memory=plenty");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("streamcast.rocksdb.memory"), r[2]);
        Path used = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(used.resolve("old"), "state of an earlier run");
        r = run("bench", "memory", "--state-dir", used.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--state-dir") && r[2].contains("not empty"), r[2]);
    }
}
