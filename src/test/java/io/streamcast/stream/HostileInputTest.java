package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.stream.HostileCorpus.Entry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fixed hostile corpus (more than 10 000 bad records of every kind among 1 200 good events) through
 * the production topology: every bad record is dead-lettered once with the kind it deserves and a
 * readable reason, and the good events' forecasts, anomalies and scores are byte for byte those of a run
 * without the bad records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private static final long SEED = 20261124L;
    private List<Entry> corpus;
    private List<String> cleanOutputs;

    @BeforeAll
    void corpusAndCleanRun() {
        corpus = HostileCorpus.generate(SEED, 6, 200, 54, true);
        try (TopologyHarness clean = new TopologyHarness(Map.of())) {
            cleanOutputs = run(clean, HostileCorpus.goodOnly(corpus));
        }
    }

    private static List<String> run(TopologyHarness h, List<Entry> entries) {
        for (Entry e : entries) {
            h.send(e.key(), e.value(), e.headers(), e.timestamp());
        }
        h.driver.advanceWallClockTime(Duration.ofSeconds(1)); // the last, partial batch
        return h.outputLines();
    }

    @Test
    void shouldDeadLetterEveryBadRecordOnceWithItsKindAndLeaveTheGoodOutputsAsTheyWere() {
        Map<String, Integer> expected = HostileCorpus.kinds(corpus);
        int bad = expected.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(bad >= 10_000, "corpus has " + bad + " bad records");
        assertEquals(Map.of(), missingKinds(expected), "every kind of bad input is in the corpus");
        System.out.println("hostile corpus: " + corpus.size() + " records, " + bad + " bad: " + expected);

        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            List<String> outputs = run(h, corpus);
            assertFalse(cleanOutputs.isEmpty());
            assertEquals(cleanOutputs.size(), outputs.size(), "as many outputs as without the bad records");
            for (int i = 0; i < outputs.size(); i++) {
                assertEquals(cleanOutputs.get(i), outputs.get(i), "output " + i);
            }

            List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
            BitSet seen = new BitSet();
            Map<String, Integer> byKind = new TreeMap<>();
            for (TestRecord<byte[], byte[]> d : dead) {
                int offset = Integer.parseInt(TopologyHarness.header(d.headers(), DeadLetters.OFFSET));
                Entry e = corpus.get(offset);
                String kind = TopologyHarness.header(d.headers(), DeadLetters.KIND);
                String reason = TopologyHarness.header(d.headers(), DeadLetters.REASON);
                assertEquals(e.kind(), kind, "record " + offset + " (" + e.what() + "): " + reason);
                assertFalse(seen.get(offset), "record " + offset + " dead-lettered twice");
                seen.set(offset);
                byKind.merge(kind, 1, Integer::sum);
                assertTrue(reason.length() > 20 && reason.length() < 600, reason);
                assertTrue(reason.chars().noneMatch(Character::isISOControl), "reason quotes input escaped: " + reason);
                if (kind.equals("too-large")) {
                    assertTrue(d.value().length <= DeadLetters.PREVIEW_BYTES && (d.key() == null
                            || d.key().length <= DeadLetters.PREVIEW_BYTES), "a preview, not the record");
                    assertNotNull(TopologyHarness.header(d.headers(), DeadLetters.ORIGINAL_BYTES));
                    assertTrue(Long.parseLong(TopologyHarness.header(d.headers(), DeadLetters.ORIGINAL_BYTES))
                            >= e.size());
                }
            }
            assertEquals(expected, byKind);
            for (String kind : expected.keySet()) {
                assertEquals(expected.get(kind), h.metrics.count("event:" + kind), "metric outcome " + kind);
            }
            assertEquals(HostileCorpus.goodOnly(corpus).size(), h.metrics.count("event:accepted"));
        }
    }

    private static Map<String, Integer> missingKinds(Map<String, Integer> kinds) {
        Map<String, Integer> missing = new HashMap<>();
        for (DeadLetterKind k : DeadLetterKind.values()) {
            if (k != DeadLetterKind.PROCESSING_ERROR && !kinds.containsKey(k.code())) {
                missing.put(k.code(), 0);
            }
        }
        return missing;
    }

    /** The classic poison of event-time systems, with and without the window that stops it. */
    @Test
    void shouldNotLetOneFarFutureEventMakeTheSeriesLaterEventsLate() {
        long t0 = HostileCorpus.T0.toEpochMilli();
        String poison = "{\"series\":\"p\",\"ts\":" + (t0 + 365L * 86_400_000) + ",\"value\":1e6}";
        for (String maxAhead : List.of("1h", "0")) {
            try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.input.max-ahead", maxAhead,
                    "streamcast.batch.size", "1"))) {
                for (int i = 0; i < 10; i++) {
                    long ts = t0 + i * 60_000L;
                    h.send("p", "{\"series\":\"p\",\"ts\":" + ts + ",\"value\":" + (20 + i % 3) + "}", ts);
                    if (i == 4) {
                        h.send("p", poison, ts); // stamped now, claims a year from now
                    }
                }
                List<String> kinds = h.deadLetters().stream()
                        .map(d -> TopologyHarness.header(d.headers(), DeadLetters.KIND)).toList();
                if (maxAhead.equals("1h")) {
                    assertEquals(List.of("invalid-timestamp"), kinds);
                    assertEquals(10, h.forecasts().size(), "every good event forecast");
                } else {
                    assertEquals(List.of("late", "late", "late", "late", "late"), kinds,
                            "without the window the poison wins: all five later events are late");
                }
            }
        }
    }

    @Test
    void shouldRejectEventsTooFarBehindTheirRecordWhenMaxBehindIsSet() {
        try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.input.max-behind", "7d",
                "streamcast.batch.size", "1"))) {
            long now = HostileCorpus.T0.toEpochMilli();
            h.send("new-series", "{\"ts\":" + (now - 8 * 86_400_000L) + ",\"value\":1}", now);
            h.send("new-series", "{\"ts\":" + (now - 6 * 86_400_000L) + ",\"value\":1}", now);
            List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
            assertEquals(1, dead.size());
            String reason = TopologyHarness.header(dead.get(0).headers(), DeadLetters.REASON);
            assertTrue(reason.contains("behind its record's timestamp") && reason.contains("max-behind (PT168H)"),
                    reason);
            assertEquals(1, h.forecasts().size());
        }
    }

    @Test
    void shouldKeepOnlyAPreviewOfARecordLargerThanMaxBytes() {
        try (TopologyHarness h = new TopologyHarness(Map.of("streamcast.input.max-bytes", "2000"))) {
            byte[] key = "k".repeat(1500).getBytes(StandardCharsets.UTF_8);
            byte[] value = ("{\"ts\":1,\"value\":1,\"pad\":\"" + "p".repeat(1000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            h.send(key, value, null, 1);
            TestRecord<byte[], byte[]> d = h.deadLetters().get(0);
            assertEquals(DeadLetters.PREVIEW_BYTES, d.key().length);
            assertEquals(DeadLetters.PREVIEW_BYTES, d.value().length);
            assertEquals(Integer.toString(key.length + value.length),
                    TopologyHarness.header(d.headers(), DeadLetters.ORIGINAL_BYTES));
            String reason = TopologyHarness.header(d.headers(), DeadLetters.REASON);
            assertTrue(reason.contains("streamcast.input.max-bytes (2000)"), reason);
        }
    }
}
