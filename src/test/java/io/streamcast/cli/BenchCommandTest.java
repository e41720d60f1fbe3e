package io.streamcast.cli;

import io.streamcast.bench.EndToEndBench;
import io.streamcast.bench.BenchReport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --no-kafka} runs real models and reports; it asserts no speed (that is what it measures). */
class BenchCommandTest {

    @TempDir
    Path tmp;

    @Test
    void shouldPrintATableAndWriteJsonForEachModel() throws Exception {
        Path json = tmp.resolve("bench.json");
        CliRun r = CliRun.of("bench", "--no-kafka", "--model", "ar,ffar", "--series", "20", "--events", "200", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| ar |") && r.out().contains("| ffar |"), r.out());
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
    void shouldTakeItsDefaultModelsAndTargetsFromTheRegistry() {
        java.util.List<String> expected = new java.util.ArrayList<>(java.util.List.of(EndToEndBench.PASSTHROUGH));
        expected.addAll(io.streamcast.model.Engines.models());
        assertEquals(expected, BenchCommand.e2eStages());
        assertTrue(BenchCommand.e2eStages().containsAll(java.util.List.of("ar", "ffar", "lstm")));
        assertEquals(BenchReport.TARGET_RATIO_LOCAL, BenchReport.targetRatio("ar"));
        assertEquals(BenchReport.TARGET_RATIO_SHARED, BenchReport.targetRatio("ffar"));
        assertEquals(BenchReport.TARGET_RATIO_SHARED, BenchReport.targetRatio("lstm"));
        assertTrue(Double.isNaN(BenchReport.targetRatio(EndToEndBench.PASSTHROUGH)));
    }

    @Test
    void shouldRefuseAnUnknownModelAsBadUsage() {
        CliRun r = CliRun.of("bench", "--no-kafka", "--model", "nope");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'nope'"), r.err());
    }

    @Test
    void shouldRefuseAPacedRateThatIsNotPositiveAsBadUsage() {
        CliRun r = CliRun.of("bench", "--model", "ar", "--paced-rate", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--paced-rate"), r.err());
    }
}
