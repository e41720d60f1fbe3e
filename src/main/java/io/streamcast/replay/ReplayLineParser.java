package io.streamcast.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Turns one line of a file to replay into the record to send. Two file kinds, told apart by the name:
 * <ul>
 *   <li>{@code *.csv}: rows {@code series,ts,value}, or {@code timestamp,value} when a series id is given;
 *       a header row of those names is skipped. Sent as an input event {@code {"series","ts","value"}}
 *       keyed by the series, with {@code ts} as the record's (file) timestamp.
 *   <li>anything else, JSON lines: a {@link RecordLine} as written by {@code record}, or — when the object
 *       has a {@code "series"} field — an input event ({@code value} or {@code values} frame), sent as
 *       written, keyed by its series and timestamped by its {@code ts}.
 * </ul>
 * The messages of its exceptions say what is wrong; the caller adds file and line.
 */
final class ReplayLineParser {

    private static final List<List<String>> CSV_HEADERS = List.of(
            List.of("series", "ts", "value"), List.of("timestamp", "value"), List.of("ts", "value"));

    private final boolean csv;
    private final String series;
    private boolean firstRow = true;
    private boolean lastWasEvent;

    /** @param series the series id of two-column CSV rows, or null */
    ReplayLineParser(String fileName, String series) {
        this.csv = fileName.toLowerCase(Locale.ROOT).endsWith(".csv");
        this.series = series;
    }

    /** The record for a stripped, non-blank, non-comment line, or null for a CSV header row. */
    RecordLine parse(String line) {
        RecordLine r = parseAny(line);
        if (r != null && r.timestamp() < 0) {
            throw new IllegalArgumentException("timestamp must be epoch milliseconds ≥ 0, got " + r.timestamp());
        }
        return r;
    }

    /** Whether the line last parsed was an input event (CSV row or event JSON line) rather than a recorded record. */
    boolean lastWasEvent() {
        return lastWasEvent;
    }

    private RecordLine parseAny(String line) {
        boolean first = firstRow;
        firstRow = false;
        lastWasEvent = true;
        if (csv) {
            return csvRow(line, first);
        }
        JsonNode tree = RecordLine.tree(line);
        if (tree != null && tree.isObject() && tree.has("series")) {
            RecordedEvent e;
            try {
                e = Recording.json(line);
            } catch (java.io.IOException ex) {
                throw new IllegalArgumentException("not valid JSON (truncated line?): " + ex.getMessage());
            }
            return event(e, line);
        }
        lastWasEvent = false;
        return RecordLine.parse(tree);
    }

    private RecordLine csvRow(String line, boolean first) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        if (first && CSV_HEADERS.contains(List.of(f).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList())) {
            return null;
        }
        RecordedEvent e;
        if (f.length == 2) {
            if (series == null) {
                throw new IllegalArgumentException("a timestamp,value row needs the series id: pass --series ID");
            }
            e = RecordedEvent.scalar(series, Recording.time(f[0]), Recording.number(f[1]));
        } else if (f.length == 3) {
            if (series != null) {
                throw new IllegalArgumentException("--series is for timestamp,value rows; this row has its own series "
                        + "(series,ts,value)");
            }
            if (f[0].isEmpty()) {
                throw new IllegalArgumentException("empty series id");
            }
            e = RecordedEvent.scalar(f[0], Recording.time(f[1]), Recording.number(f[2]));
        } else {
            throw new IllegalArgumentException("expected series,ts,value or timestamp,value but found " + f.length
                    + " fields");
        }
        if (!Double.isFinite(e.value())) {
            throw new IllegalArgumentException("value " + f[f.length - 1] + " is not finite");
        }
        return event(e, Replayer.json(e, e.timestamp()));
    }

    private static RecordLine event(RecordedEvent e, String json) {
        return new RecordLine(null, -1, -1, e.timestamp(), e.series().getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), List.of());
    }
}
