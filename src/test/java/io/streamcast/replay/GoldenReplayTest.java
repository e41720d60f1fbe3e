package io.streamcast.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every stream recording shipped in {@code src/main/resources/recordings} replayed in-process through
 * the production topology and compared with its golden file in {@code src/test/resources/golden}.
 * ({@code seasonal-100.csv} there is a wide backtest input, not a stream, and has no golden replay.)
 * Rewrite the golden files on purpose with {@code -Dstreamcast.golden.update=true}.
 */
class GoldenReplayTest {

    /**
     * The settings the golden files were made with: the service defaults, one event per engine call, and
     * the sample rate of the shipped audio recording (8 kHz: bands 0-500-1000-2000-4000 Hz, 7 features).
     */
    static final Map<String, String> SETTINGS = Map.of("streamcast.batch.size", "1", "streamcast.audio.sample-rate",
            "8000");

    /** Floating-point results may differ in the last bits across JVMs and CPUs; nothing else may. */
    static final Tolerance TOLERANCE = new Tolerance(1e-9, 1e-9);

    static Path golden(String recording) {
        return Path.of("src/test/resources/golden", recording.replaceAll("\\.[a-z]+$", "") + ".jsonl");
    }

    /**
     * Scores (every event's value, one-step forecast, score and flag), anomalies and dead letters: the
     * forecasts topic (a whole horizon per event) would make the golden files ten times larger.
     */
    static ReplayHarness harness() {
        return ReplayHarness.withSettings(SETTINGS).collecting("streamcast.scores", "streamcast.anomalies",
                "streamcast.dlq");
    }

    static ReplayOutput replay(String recording) {
        try (InputStream in = GoldenReplayTest.class.getResourceAsStream("/recordings/" + recording)) {
            return harness().inProcess(recording, in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"price-gbm.csv", "machine-temperature.csv", "audio-click.jsonl"})
    void shouldReplayEachShippedRecordingToItsGoldenOutput(String recording) {
        ReplayOutput out = replay(recording);
        assertFalse(out.of("streamcast.scores").isEmpty());
        GoldenFile.assertMatches(out, golden(recording), TOLERANCE);
    }

    @Test
    void shouldGiveByteIdenticalOutputTopicsWhenTheSameRecordingIsReplayedTwice() {
        ReplayHarness all = ReplayHarness.withSettings(SETTINGS); // every output topic, forecasts included
        ReplayOutput first = all.inProcess(Path.of("src/main/resources/recordings/audio-click.jsonl"));
        ReplayOutput second = all.inProcess(Path.of("src/main/resources/recordings/audio-click.jsonl"));
        assertEquals(2100, first.of("streamcast.forecasts").size(), "300 frames × 7 features");
        assertEquals(first.lines(), second.lines());
        assertEquals(first, second);
    }
}
