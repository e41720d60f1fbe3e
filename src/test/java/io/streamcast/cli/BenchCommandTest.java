package io.streamcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench --no-kafka} runs real models and reports; it asserts no speed (that is what it measures). */
class BenchCommandTest {

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
    void shouldPrintATableAndWriteJsonForEachModel() throws Exception {
        Path json = tmp.resolve("bench.json");
        String[] r = run("bench", "--no-kafka", "--model", "ar,ffar", "--series", "20", "--events", "200", "--json", json.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("| ar |") && r[1].contains("| ffar |"), r[1]);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(20, doc.get("series").asInt());
        assertEquals(2, doc.get("results").size());
        for (JsonNode m : doc.get("results")) {
            assertTrue(m.get("batchedPerSecond").asDouble() > 0, m.toString());
            assertTrue(m.get("seriesStateBytes").asInt() > 0, m.toString());
        }
        assertEquals(0, doc.get("results").get(0).get("sharedStateBytes").asInt(), "ar shares nothing");
        assertTrue(doc.get("results").get(1).get("sharedStateBytes").asInt() > 0, "ffar shares its network");
    }

    @Test
    void shouldRefuseAnUnknownModelAsBadUsage() {
        String[] r = run("bench", "--no-kafka", "--model", "nope");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("'nope'"), r[2]);
    }
}
