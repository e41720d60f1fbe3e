package io.streamcast.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayerTest {

    private record Sent(String key, long ts, String json) {
    }

    private static final Recording SLOW = new Recording("slow", List.of(
            RecordedEvent.scalar("slow", 0, 1), RecordedEvent.scalar("slow", 600_000, 2),
            RecordedEvent.scalar("slow", 1_200_000, 3)));
    private static final Recording FAST = new Recording("fast", List.of(
            RecordedEvent.frame("fast", 5, new double[] {0.1}), RecordedEvent.frame("fast", 9, new double[] {0.2})));

    @Test
    void shouldStretchEveryRecordingToOnePassAndStampEventsWithTheirSendTime() throws Exception {
        ManualClock clock = new ManualClock(1_000_000);
        List<Sent> sent = new ArrayList<>();
        Replayer r = new Replayer(List.of(SLOW, FAST), Duration.ofSeconds(10), clock,
                until -> clock.now = Math.max(clock.now, until), (k, ts, json) -> sent.add(new Sent(k, ts, json)));

        long n = r.run(1_000_000 + 10_001);

        assertEquals(5, n);
        assertEquals(List.of("slow", "fast", "slow", "slow", "fast"), sent.stream().map(Sent::key).toList());
        assertEquals(List.of(1_000_000L, 1_000_000L, 1_005_000L, 1_010_000L, 1_010_000L),
                sent.stream().map(Sent::ts).toList());
        JsonNode first = new ObjectMapper().readTree(sent.get(0).json());
        assertEquals("slow", first.get("series").asText());
        assertEquals(1_000_000L, first.get("ts").asLong());
        assertEquals(1.0, first.get("value").asDouble());
        JsonNode frame = new ObjectMapper().readTree(sent.get(4).json());
        assertEquals(0.2, frame.get("values").get(0).asDouble());
    }

    @Test
    void shouldRepeatPassesWithIncreasingTimestampsUntilTheEnd() throws Exception {
        ManualClock clock = new ManualClock(0);
        List<Sent> sent = new ArrayList<>();
        Replayer r = new Replayer(List.of(SLOW), Duration.ofSeconds(2), clock,
                until -> clock.now = Math.max(clock.now, until), (k, ts, json) -> sent.add(new Sent(k, ts, json)));

        r.run(7_000);

        // passes start at 0, 3 000 (2 s + 1 s gap) and 6 000; the third is cut at 7 000
        assertEquals(List.of(0L, 1_000L, 2_000L, 3_000L, 4_000L, 5_000L, 6_000L), sent.stream().map(Sent::ts).toList());
        for (int i = 1; i < sent.size(); i++) {
            assertTrue(sent.get(i).ts() > sent.get(i - 1).ts(), "event time only moves forward");
        }
    }

    @Test
    void shouldStopWhenAsked() throws Exception {
        ManualClock clock = new ManualClock(0);
        List<Sent> sent = new ArrayList<>();
        Replayer[] self = new Replayer[1];
        self[0] = new Replayer(List.of(SLOW), Duration.ofSeconds(2), clock,
                until -> clock.now = Math.max(clock.now, until), (k, ts, json) -> {
                    sent.add(new Sent(k, ts, json));
                    if (sent.size() == 2) {
                        self[0].stop();
                    }
                });
        assertEquals(2, self[0].run(Long.MAX_VALUE));
    }
}
