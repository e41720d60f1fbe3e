package io.streamcast.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReplayerTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(5_000_000);
    private final List<Long> waits = new ArrayList<>();
    private final Replayer.Pacer pacer = until -> {
        waits.add(until);
        clock.now = Math.max(clock.now, until);
    };
    private final StringWriter err = new StringWriter();
    private final List<RecordLine> sent = new ArrayList<>();

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private FileReplayer replayer(double speed, boolean skipBad, String series) {
        return new FileReplayer(speed, skipBad, series, clock, pacer, new PrintWriter(err, true));
    }

    private static String line(int partition, long offset, long ts, String key, String value) {
        return new RecordLine("in", partition, offset, ts, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), List.of()).toJson() + "\n";
    }

    @Test
    void shouldRequestSendTimesFromTheOriginalGapsDividedBySpeed() throws Exception {
        Path rec = file("rec.jsonl", line(0, 0, 1_000, "a", "1") + line(0, 1, 3_000, "a", "2")
                + line(1, 0, 2_500, "b", "3") + line(1, 1, 13_000, "b", "4"));

        FileReplayer.Summary s = replayer(2, false, null).run(rec, sent::add);

        // gaps from the first record: 2000, 1500 (earlier than the one before: sent at once), 12000 ms; halved
        assertEquals(List.of(5_001_000L, 5_000_750L, 5_006_000L), waits);
        assertEquals(4, s.sent());
        assertEquals(6_000, s.elapsedMillis());
        assertEquals(1_000, s.firstTimestamp());
        assertEquals(13_000, s.lastTimestamp());
    }

    @Test
    void shouldNotWaitAtSpeedMaxAndKeepEverythingAsRecorded() throws Exception {
        RecordLine withHeader = new RecordLine("in", 1, 9, 7, null, new byte[] {(byte) 0xfe},
                List.of(new RecordLine.Header("h", new byte[] {1})));
        Path rec = file("rec.jsonl", line(0, 0, 1_000, "a", "1") + withHeader.toJson() + "\n");

        replayer(Double.POSITIVE_INFINITY, false, null).run(rec, sent::add);

        assertEquals(List.of(), waits);
        assertEquals(List.of(RecordLine.parse(line(0, 0, 1_000, "a", "1").strip()), withHeader), sent);
    }

    @Test
    void shouldSendCsvRowsAsInputEventsKeyedBySeriesStampedWithTheSendTime() throws Exception {
        Path csv = file("prices.csv", "series,ts,value\np1,2026-01-05T09:00:00Z,100.5\np2,1767603660000,7\n");

        replayer(Double.POSITIVE_INFINITY, false, null).run(csv, sent::add);

        assertEquals(2, sent.size());
        assertArrayEquals("p1".getBytes(StandardCharsets.UTF_8), sent.get(0).key());
        assertEquals(5_000_000L, sent.get(0).timestamp(), "the time it was sent: its event time is in ts");
        assertEquals("{\"series\":\"p1\",\"ts\":1767603600000,\"value\":100.5}",
                new String(sent.get(0).value(), StandardCharsets.UTF_8));
        assertEquals(-1, sent.get(0).partition());
        assertArrayEquals("p2".getBytes(StandardCharsets.UTF_8), sent.get(1).key());
    }

    @Test
    void shouldUseTheSeriesOptionForTimestampValueRows() throws Exception {
        Path csv = file("temp.csv", "timestamp,value\n1000,1.5\n2000,2.5\n");

        replayer(Double.POSITIVE_INFINITY, false, "machine-7").run(csv, sent::add);

        assertEquals(List.of(5_000_000L, 5_000_000L), sent.stream().map(RecordLine::timestamp).toList());
        assertEquals("{\"series\":\"machine-7\",\"ts\":2000,\"value\":2.5}",
                new String(sent.get(1).value(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldAskForTheSeriesOfTimestampValueRowsNamingFileAndLine() throws Exception {
        Path csv = file("temp.csv", "timestamp,value\n1000,1.5\n");
        String msg = assertThrows(IllegalArgumentException.class,
                () -> replayer(1, false, null).run(csv, sent::add)).getMessage();
        assertTrue(msg.startsWith(csv + ":2: a timestamp,value row needs the series id"), msg);
    }

    @Test
    void shouldSendInputEventLinesAsWritten() throws Exception {
        String frame = "{\"series\":\"mic-1\",\"ts\":1795532400250,\"values\":[0.1,-0.2]}";
        Path rec = file("audio.jsonl", frame + "\n");

        replayer(1, false, null).run(rec, sent::add);

        assertEquals(frame, new String(sent.get(0).value(), StandardCharsets.UTF_8));
        assertEquals(5_000_000L, sent.get(0).timestamp());
        assertArrayEquals("mic-1".getBytes(StandardCharsets.UTF_8), sent.get(0).key());
    }

    @Test
    void shouldStampAsAskedWhateverTheKindOfLine() throws Exception {
        Path csv = file("prices.csv", "series,ts,value\np1,1000,1.5\np1,3000,2.5\n");
        Path rec = file("rec.jsonl", line(0, 0, 1_000, "a", "1") + line(0, 1, 3_000, "a", "2"));

        new FileReplayer(1, false, null, clock, pacer, new PrintWriter(err, true), FileReplayer.RecordTime.RECORDED)
                .run(csv, sent::add);
        assertEquals(List.of(1_000L, 3_000L), sent.stream().map(RecordLine::timestamp).toList(), "the events' ts");
        sent.clear();
        new FileReplayer(1, false, null, clock, pacer, new PrintWriter(err, true), FileReplayer.RecordTime.SENT)
                .run(rec, sent::add);
        assertEquals(List.of(5_002_000L, 5_004_000L), sent.stream().map(RecordLine::timestamp).toList(),
                "when each was sent, two seconds apart as recorded");
        sent.clear();
        replayer(1, false, null).run(rec, sent::add);
        assertEquals(List.of(1_000L, 3_000L), sent.stream().map(RecordLine::timestamp).toList(),
                "a recording keeps its timestamps by default");
    }

    @Test
    void shouldStopAtABadLineNamingFileLineAndWhatWasSent() throws Exception {
        Path rec = file("bad.jsonl", line(0, 0, 1, "a", "1") + "# a comment\n" + "{\"timestamp\":2,\"key\":\"a\",\"val\n");
        String msg = assertThrows(IllegalArgumentException.class,
                () -> replayer(Double.POSITIVE_INFINITY, false, null).run(rec, sent::add)).getMessage();
        assertTrue(msg.startsWith(rec + ":3: not valid JSON"), msg);
        assertTrue(msg.contains("1 records sent before it"), msg);
        assertEquals(1, sent.size());
    }

    @Test
    void shouldSkipAndCountBadLinesUnderTheFlagReportingEach() throws Exception {
        Path rec = file("bad.jsonl", line(0, 0, 1, "a", "1")
                + "{\"timestamp\":2,\"key\":\"a\",\"val\n" // truncated
                + "{\"timestamp\":3,\"key\":\"a\",\"colour\":\"red\"}\n" // unknown field
                + "{\"key\":\"a\",\"value\":\"4\"}\n" // no timestamp
                + line(0, 4, 5, "a", "5"));

        FileReplayer.Summary s = replayer(Double.POSITIVE_INFINITY, true, null).run(rec, sent::add);

        assertEquals(2, s.sent());
        assertEquals(3, s.skipped());
        assertEquals(List.of(1L, 5L), sent.stream().map(RecordLine::timestamp).toList());
        String out = err.toString();
        assertTrue(out.contains(rec + ":2: not valid JSON"), out);
        assertTrue(out.contains(rec + ":3: unknown field \"colour\""), out);
        assertTrue(out.contains(rec + ":4: missing \"timestamp\""), out);
        assertTrue(s.describe("bad.jsonl", "t").contains("3 bad lines skipped"), s.describe("bad.jsonl", "t"));
    }

    @Test
    void shouldPrintProgressAsTheClockAdvances() throws Exception {
        Path rec = file("rec.jsonl", line(0, 0, 0, "a", "1") + line(0, 1, 1_500, "a", "2") + line(0, 2, 3_000, "a", "3"));

        replayer(1, false, null).run(rec, sent::add);

        assertTrue(err.toString().contains("[#############.......] line 2/3 (66%), 2 sent, 0 skipped"), err.toString());
    }

    @Test
    void shouldEndALongWaitWhenStoppedAndInterrupted() throws Exception {
        Path rec = file("rec.jsonl", line(0, 0, 0, "a", "1") + line(0, 1, 3_600_000, "a", "2"));
        FileReplayer[] self = new FileReplayer[1];
        Replayer.Pacer interrupted = until -> {
            self[0].stop(); // what the Ctrl-C hook does, then it interrupts the sleeping thread
            throw new InterruptedException("Ctrl-C");
        };
        FileReplayer stoppable = new FileReplayer(1, false, null, clock, interrupted, new PrintWriter(err, true));
        self[0] = stoppable;

        FileReplayer.Summary s = stoppable.run(rec, sent::add);

        assertEquals(1, s.sent());
        assertThrows(InterruptedException.class, () -> new FileReplayer(1, false, null, clock, until -> {
            throw new InterruptedException("not asked to stop");
        }, new PrintWriter(err, true)).run(rec, sent::add));
    }

    @Test
    void shouldRejectANegativeTimestampAsABadLine() throws Exception {
        Path rec = file("neg.jsonl", "{\"timestamp\":-1,\"key\":\"a\"}\n");
        String msg = assertThrows(IllegalArgumentException.class,
                () -> replayer(Double.POSITIVE_INFINITY, false, null).run(rec, sent::add)).getMessage();
        assertTrue(msg.startsWith(rec + ":1: timestamp must be epoch milliseconds ≥ 0, got -1"), msg);
    }

    @Test
    void shouldNameTheLineWhoseRecordTheSinkRefused() throws Exception {
        Path rec = file("rec.jsonl", line(0, 0, 1, "a", "1") + line(7, 0, 2, "a", "2"));
        String msg = assertThrows(IllegalStateException.class, () -> replayer(Double.POSITIVE_INFINITY, false, null)
                .run(rec, r -> {
                    if (r.partition() == 7) {
                        throw new IllegalArgumentException("recorded partition 7 does not exist");
                    }
                })).getMessage();
        assertTrue(msg.startsWith(rec + ":2: cannot send: recorded partition 7 does not exist (1 records sent"), msg);
    }

    @Test
    void shouldRejectANonPositiveSpeed() {
        assertThrows(IllegalArgumentException.class, () -> replayer(0, false, null));
    }
}
