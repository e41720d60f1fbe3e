package io.streamcast.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Replays a file (see {@link ReplayLineParser} for the formats) to a {@link Sink} in file order, keys,
 * values and headers as recorded, each record stamped as {@link RecordTime} says. Paced by the original inter-arrival times: the record
 * with timestamp {@code t} is sent at {@code start + (t - t0) / speed}, where {@code t0} is the first
 * record's timestamp; a record whose time is already past (timestamps going back) is sent at once.
 * {@code speed = +∞} sends as fast as the sink takes them. Waiting goes through a {@link Replayer.Pacer}
 * so tests can assert the requested send times without sleeping.
 *
 * <p>A bad line stops the replay with {@code FILE:LINE: problem}, naming how many records went out
 * before it; with {@code skipBad} it is reported on the progress stream, counted, and skipped.
 * Progress goes to the given writer about once a second (by the clock), and the summary at the end.
 */
public final class FileReplayer {

    /**
     * The timestamp each record is sent with. A broker deletes records by their timestamp (7 days after it by
     * default), so a record stamped with an old time may be gone before a consumer reads it.
     */
    public enum RecordTime {
        /**
         * A line written by {@code record} keeps its recorded timestamp (a round trip stays exact); an input event
         * (CSV row or event JSON line), which has no record timestamp of its own, is stamped with the time it is
         * sent — its event time stays in its {@code ts}.
         */
        BY_KIND,
        /** Every record keeps the file's time: the recorded timestamp, or an event's {@code ts}. */
        RECORDED,
        /** Every record is stamped with the time it is sent. */
        SENT
    }

    /** Where records go: a Kafka producer in production, a list in tests. */
    public interface Sink {
        void send(RecordLine record);
    }

    /** What one replay did. Timestamps are -1 when nothing was sent. */
    public record Summary(long sent, long skipped, long lines, long firstTimestamp, long lastTimestamp,
            long elapsedMillis) {

        public String describe(String file, String target) {
            String span = sent == 0 ? "" : ", event time " + Instant.ofEpochMilli(firstTimestamp) + " .. "
                    + Instant.ofEpochMilli(lastTimestamp);
            double rate = elapsedMillis > 0 ? sent * 1000.0 / elapsedMillis : sent;
            return String.format(java.util.Locale.ROOT, "replayed %d records from %s to %s in %.1f s (%.0f records/s)%s;"
                    + " %d bad lines skipped", sent, file, target, elapsedMillis / 1000.0, rate, span, skipped);
        }
    }

    private static final int SHOWN_BAD_LINES = 20;
    private static final long PROGRESS_EVERY_MS = 1_000;

    private final double speed;
    private final boolean skipBad;
    private final String series;
    private final Clock clock;
    private final Replayer.Pacer pacer;
    private final PrintWriter progress;
    private final RecordTime recordTime;
    private volatile boolean stopped;

    /**
     * @param speed how much faster than recorded: 1 = as recorded, 10 = ten times faster,
     *     {@code Double.POSITIVE_INFINITY} = as fast as possible
     * @param series the series id for {@code timestamp,value} CSV rows, or null
     */
    public FileReplayer(double speed, boolean skipBad, String series, Clock clock, Replayer.Pacer pacer,
            PrintWriter progress) {
        this(speed, skipBad, series, clock, pacer, progress, RecordTime.BY_KIND);
    }

    /** As above, with the timestamps records are sent with. */
    public FileReplayer(double speed, boolean skipBad, String series, Clock clock, Replayer.Pacer pacer,
            PrintWriter progress, RecordTime recordTime) {
        this.recordTime = Objects.requireNonNull(recordTime, "recordTime");
        if (!(speed > 0)) {
            throw new IllegalArgumentException("replay speed must be > 0 (or max), got " + speed);
        }
        this.speed = speed;
        this.skipBad = skipBad;
        this.series = series;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Asks a running replay to stop after the record in hand (e.g. from a Ctrl-C hook); interrupt the
     * replaying thread as well to cut a long wait short.
     */
    public void stop() {
        stopped = true;
    }

    public Summary run(Path file, Sink sink) throws InterruptedException {
        String name = file.toString();
        long total = countLines(file);
        ReplayLineParser parser = new ReplayLineParser(file.getFileName().toString(), series);
        long start = clock.millis();
        long nextProgress = start + PROGRESS_EVERY_MS;
        long sent = 0;
        long skipped = 0;
        long first = -1;
        long last = -1;
        long lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String raw;
            while (!stopped && (raw = in.readLine()) != null) {
                lineNo++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                RecordLine r;
                try {
                    r = parser.parse(line);
                } catch (RuntimeException e) {
                    String where = name + ":" + lineNo + ": " + e.getMessage();
                    if (!skipBad) {
                        throw new IllegalArgumentException(where + " in: " + abbreviate(line) + " (" + sent
                                + " records sent before it; --skip-bad skips and counts bad lines)", e);
                    }
                    skipped++;
                    if (skipped <= SHOWN_BAD_LINES) {
                        progress.println(where + " (skipped)");
                    } else if (skipped == SHOWN_BAD_LINES + 1) {
                        progress.println("further bad lines are counted, not shown");
                    }
                    continue;
                }
                if (r == null) {
                    continue; // CSV header
                }
                if (sent == 0) {
                    first = r.timestamp();
                } else if (Double.isFinite(speed)) {
                    try {
                        pacer.waitUntil(start + Math.round((r.timestamp() - first) / speed));
                    } catch (InterruptedException e) {
                        if (!stopped) {
                            throw e;
                        }
                        break; // stop() and an interrupt end a long wait at once; the record is not sent
                    }
                }
                try {
                    sink.send(sentAt(r, parser.lastWasEvent()));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(name + ":" + lineNo + ": cannot send: " + e.getMessage() + " ("
                            + sent + " records sent before it)", e);
                }
                sent++;
                last = r.timestamp();
                long now = clock.millis();
                if (now >= nextProgress) {
                    int percent = total == 0 ? 100 : (int) (lineNo * 100 / total);
                    progress.printf("replay %s: [%s] line %d/%d (%d%%), %d sent, %d skipped, event time %s%n", name,
                            bar(percent), lineNo, total, percent, sent, skipped, Instant.ofEpochMilli(last));
                    progress.flush();
                    nextProgress = now + PROGRESS_EVERY_MS;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " at line " + lineNo + ": " + e.getMessage(), e);
        }
        progress.flush();
        return new Summary(sent, skipped, lineNo, first, last, clock.millis() - start);
    }

    /** The record as sent: its own timestamp, or the clock's now, as {@link #recordTime} says. */
    private RecordLine sentAt(RecordLine r, boolean event) {
        boolean now = recordTime == RecordTime.SENT || recordTime == RecordTime.BY_KIND && event;
        return now ? new RecordLine(r.topic(), r.partition(), r.offset(), clock.millis(), r.key(), r.value(),
                r.headers()) : r;
    }

    private static long countLines(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    /** A 20-character bar: one {@code #} per 5 %. */
    static String bar(int percent) {
        int full = Math.max(0, Math.min(20, percent / 5));
        return "#".repeat(full) + ".".repeat(20 - full);
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
