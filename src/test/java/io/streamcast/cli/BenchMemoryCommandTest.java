package io.streamcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench memory} runs the service on a real (embedded) broker over many distinct series and its
 * counts add up: the cache holds what it may, every series beyond it was evicted, every evicted one came
 * back for its next event, every series is stored. It asserts no heap size or speed: that is what it measures.
 */
class BenchMemoryCommandTest {

    @TempDir
    Path tmp;

    @Test
    void shouldEvictEverySeriesBeyondTheCacheAndBringItBackOnItsNextEvent() throws Exception {
        Path json = tmp.resolve("memory.json");
        Path state = tmp.resolve("state");
        int series = 1_000;
        int cache = 100;
        // two tasks share the cache; two rounds: every series evicted in round 1 is restored in round 2
        CliRun r = CliRun.of("bench", "memory", "--series", Integer.toString(series), "--rounds", "2", "--cache",
                Integer.toString(cache), "--partitions", "2", "--sample-every", "500", "--state-dir", state.toString(),
                "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| service |") && r.out().contains("evictions"), r.out());

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
        CliRun r = CliRun.of("bench", "memory", "--series", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--series"), r.err());
        r = CliRun.of("bench", "memory", "--model", "nope");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope") && r.err().contains("known models"), r.err());
        r = CliRun.of("bench", "memory", "-D", "streamcast.rocksdb.memory=plenty");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("streamcast.rocksdb.memory"), r.err());
        Path used = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(used.resolve("old"), "state of an earlier run");
        r = CliRun.of("bench", "memory", "--state-dir", used.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--state-dir") && r.err().contains("not empty"), r.err());
    }
}
