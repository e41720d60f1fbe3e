package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamcast.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service publishes the same anomaly scores as {@code streamcast score} for the same series and
 * settings: the NAB machine-temperature slice (a dev-like fixture with a labelled fault) replayed
 * through the topology, and written as a {@code timestamp,value} file through {@code score}.
 */
class ServiceScoresLikeScoreCommandTest {

    @Test
    void shouldPublishTheScoresAndReasonsThatScoreWrites(@TempDir Path dir) throws Exception {
        List<String> lines = ForecastProcessorTest.fixture();
        List<String> csv = new ArrayList<>(List.of("timestamp,value"));
        for (String l : lines) {
            String[] f = l.split(",");
            csv.add(f[1] + "," + f[2]);
        }
        Path input = dir.resolve("machine.csv");
        Files.write(input, csv, StandardCharsets.UTF_8);
        Path out = dir.resolve("scores.csv");
        // a threshold under the fault's score in this short slice (4.5 days of history: see ForecastProcessorTest),
        // so that flags are compared too
        assertEquals(0, Main.execute("score", "--input", input.toString(), "--out", out.toString(), "--season", "0",
                "--explain", "--set", "streamcast.anomaly.threshold=0.1"));
        List<String> written = Files.readAllLines(out, StandardCharsets.UTF_8);

        List<JsonNode> published;
        // the same settings: no season on either side (score's --season 0; the service's models would otherwise
        // look for one in the series as it grows)
        try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.resample.step", "PT5M",
                "streamcast.batch.size", "16", "streamcast.model.season", "none", "streamcast.anomaly.threshold", "0.1"))) {
            lines.forEach(l -> h.send(null, l));
            h.driver.advanceWallClockTime(Duration.ofSeconds(1));
            published = h.scores();
        }
        // the service's last five-minute window is still open: every row but the last is published
        assertEquals(written.size() - 2, published.size());
        int flags = 0;
        for (int i = 0; i < published.size(); i++) {
            String[] f = written.get(i + 1).split(",", -1);
            JsonNode p = published.get(i);
            assertEquals(Double.parseDouble(f[3]), p.get("score").asDouble(), "row " + (i + 1) + ": " + p);
            assertEquals(f[4].equals("1"), p.get("flag").asBoolean(), "row " + (i + 1) + ": " + p);
            assertEquals(f[5], p.has("reason") ? p.get("reason").get("kind").asText() : "", "row " + (i + 1));
            flags += f[4].equals("1") ? 1 : 0;
        }
        assertTrue(flags > 0, "the fixture's fault is flagged");
    }
}
