package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Audio frames through the production topology with its default models (AR per feature sub-series)
 * and detector: a 440 Hz tone in noise (fixed seed), 10 ms frames at 16 kHz, with a click and a 200 ms
 * dropout. Both are flagged within 3 frames of their start; nothing else is flagged except the
 * dropout's own end (the sound coming back).
 */
class AudioTopologyTest {
    private static final int RATE = 16_000;
    private static final int FRAME = 160;
    private static final int FRAMES = 600;
    private static final int CLICK = 300;
    private static final int DROPOUT = 450;
    private static final int DROPOUT_FRAMES = 20;

    private static String frame(int f, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < FRAME; i++) {
            int n = f * FRAME + i;
            double x = 0.3 * Math.sin(2 * Math.PI * 440 * n / RATE) + 0.01 * (rnd.nextDouble() * 2 - 1);
            if (f == CLICK && i >= 60 && i < 80) {
                x += 0.9 * Math.exp(-(i - 60) / 4.0) * (i % 2 == 0 ? 1 : -1);
            }
            if (f >= DROPOUT && f < DROPOUT + DROPOUT_FRAMES) {
                x = 0;
            }
            sb.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.5f", x));
        }
        return sb.toString();
    }

    @Test
    void shouldFlagAClickAndADropoutWithinThreeFramesAndNothingElse() {
        Map<Integer, TreeSet<String>> flagged = new TreeMap<>();
        try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.batch.size", "1"))) {
            SplittableRandom rnd = new SplittableRandom(440);
            long t0 = TopologyHarness.T0.toEpochMilli();
            for (int f = 0; f < FRAMES; f++) {
                h.send("mic-1", "{\"series\":\"mic-1\",\"ts\":" + (t0 + 10L * f) + ",\"values\":[" + frame(f, rnd) + "]}");
            }
            for (JsonNode a : h.anomalies()) {
                if (a.get("flag").asBoolean()) {
                    int f = (int) ((Instant.parse(a.get("ts").asText()).toEpochMilli() - t0) / 10);
                    flagged.computeIfAbsent(f, k -> new TreeSet<>()).add(a.get("series").asText());
                }
            }
            assertTrue(h.deadLetters().isEmpty());
        }
        assertTrue(flagged.keySet().stream().anyMatch(f -> f >= CLICK && f < CLICK + 3), "click at " + CLICK + ": "
                + flagged);
        assertTrue(flagged.keySet().stream().anyMatch(f -> f >= DROPOUT && f < DROPOUT + 3), "dropout at " + DROPOUT
                + ": " + flagged);
        for (int f : flagged.keySet()) {
            boolean click = f >= CLICK && f < CLICK + 3;
            boolean dropout = f >= DROPOUT && f <= DROPOUT + DROPOUT_FRAMES + 2;
            assertTrue(click || dropout, "frame " + f + " flagged outside the incidents: " + flagged);
        }
    }
}
