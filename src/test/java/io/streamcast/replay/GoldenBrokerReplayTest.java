package io.streamcast.replay;

import io.streamcast.broker.EmbeddedBroker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The full path: a shipped recording produced to a real (embedded, in-JVM) broker, the topology in a
 * real KafkaStreams instance with exactly-once, outputs read back read-committed — and compared with
 * the same golden file the in-process replay matches. One broker for the class.
 */
class GoldenBrokerReplayTest {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldReplayTheAudioRecordingThroughABrokerToTheSameGoldenOutput() {
        ReplayOutput out = GoldenReplayTest.harness().onBroker(
                Path.of("src/main/resources/recordings/audio-click.jsonl"), broker.bootstrapServers(),
                Duration.ofSeconds(120));
        assertEquals(2100, out.of("streamcast.scores").size(), "300 frames × 7 features at 8 kHz");
        GoldenFile.assertMatches(out, GoldenReplayTest.golden("audio-click.jsonl"), GoldenReplayTest.TOLERANCE);
        assertEquals(GoldenReplayTest.replay("audio-click.jsonl").lines(), out.lines(),
                "the broker and the in-process driver give byte-identical output topics");
    }

    @Test
    void shouldRefuseTopicsThatAlreadyHoldDataAndBatchesItCannotSeeTheEndOf() {
        Map<String, String> batched = new HashMap<>(GoldenReplayTest.SETTINGS);
        batched.put("streamcast.batch.size", "8");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayHarness
                .withSettings(batched).onBroker(Path.of("src/main/resources/recordings/price-gbm.csv"),
                        broker.bootstrapServers(), Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("streamcast.batch.size=1"), e.getMessage());
    }
}
