package io.streamcast.evaluate;

import io.streamcast.series.Observation;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The three layouts {@code backtest} reads, for its input and for its held-out future alike.
 * <ul>
 * <li>{@code wide}: a header row, then one series per row: id, then its values in time order; ragged
 * rows padded with empty fields (M4's train and test files as published).</li>
 * <li>{@code long}: rows {@code series,ts,value}, an optional header, in time order per series.</li>
 * <li>{@code columns}: a header row naming the timestamp column then one column per series (the
 * header names are the series ids), then one row per timestamp (the layout pandas and databases
 * export; the ETT files).</li>
 * </ul>
 *
 * <p>Input policy. Fatal, reported as {@code file:line: problem} (exit 1): a value that is not a
 * number, a row without series id, a series id repeated (wide rows, columns header), a missing or
 * numeric header (wide, columns), a long row without exactly three fields, a columns row whose number
 * of fields differs from the header's, an unreadable timestamp. Skipped and counted (reported at the
 * end with the first places): empty lines, empty fields (missing values; trailing empty fields of a
 * wide row are padding and not counted), NaN and infinite values, and a timestamp that repeats or
 * goes back (long: for its series; columns: the whole row). Skipped input values do not advance their
 * series. In a future, a missing, NaN or infinite value keeps its step (the step is not scored), since
 * its place says which step it is.
 */
public final class SeriesFiles {
    static final String EMPTY_LINES = "empty lines";
    static final String MISSING = "missing values";
    static final String NON_FINITE = "NaN or infinite values";
    static final String OUT_OF_ORDER = "rows whose timestamp repeats or goes back for their series";
    static final String ROWS_OUT_OF_ORDER = "rows whose timestamp repeats or goes back";

    private static final int BATCH = 1024;
    private static final int GAP_SAMPLE = 10_000;

    public enum Format {
        WIDE, LONG, COLUMNS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Format parse(String text) {
            for (Format f : values()) {
                if (f.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("--format must be wide, long or columns, got '" + text + "'");
        }
    }

    /** A series' held-out values (NaN where missing), the timestamp and file:line of its first one. */
    public record Future(double[] values, long firstTimestamp, String where) {}

    private final Path file;
    private final Format format;
    public final InputCounts skipped = new InputCounts();
    /** Series ids in the order the file first names them, including series without a usable value. */
    private final java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();

    public SeriesFiles(Path file, Format format) {
        this.file = file;
        this.format = format;
    }

    // ---------------------------------------------------------------- input

    /** Series ids in the order the file first names them (after {@link #stream} or {@link #future}). */
    public List<String> ids() {
        return List.copyOf(ids);
    }

    /**
     * Streams the file's observations to {@code sink} in batches: wide series aligned at their ends
     * (step t holds every series that has a value t steps before the longest one ends, so all end
     * "now"), long rows in file order, columns row by row.
     */
    public void stream(Consumer<List<Observation>> sink, java.io.PrintWriter err) throws IOException {
        Progress progress = new Progress(err, "backtest", Math.max(1, Files.size(file)));
        switch (format) {
            case WIDE -> streamWide(sink, progress);
            case LONG -> streamLong(sink, progress);
            case COLUMNS -> streamColumns(sink, progress);
            default -> throw new IllegalStateException(format.toString());
        }
    }

    private record WideRow(String id, double[] values, String where) {}

    private List<WideRow> readWide(boolean future) throws IOException {
        List<WideRow> rows = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            int lineNo = 1;
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException(file + ":1: expected a header row (id, then value columns)");
            }
            String[] header = CsvValues.split(line);
            boolean namedId = header[0].equalsIgnoreCase("id") || header[0].equalsIgnoreCase("series");
            if (header.length > 1 && looksNumeric(header[1]) && !namedId) { // id,1,2,3 is a header; a,1.5,2.5 is not
                throw new IllegalArgumentException(file + ":1: expected a header row (id, then value columns) but '"
                        + header[1] + "' in column 2 is a number; add a header so series '" + header[0] + "' is not lost");
            }
            while ((line = in.readLine()) != null) {
                lineNo++;
                String where = file + ":" + lineNo;
                if (line.isBlank()) {
                    skipped.skip(EMPTY_LINES, where);
                    continue;
                }
                String[] f = CsvValues.split(line);
                String id = f[0];
                if (id.isEmpty()) {
                    throw new IllegalArgumentException(where + ": row has no series id in its first field");
                }
                Integer seen = firstLine.putIfAbsent(id, lineNo);
                if (seen != null) {
                    throw new IllegalArgumentException(where + ": series '" + id + "' already given at line " + seen);
                }
                int last = f.length - 1;
                while (last >= 1 && f[last].isEmpty()) {
                    last--; // padding of a ragged row
                }
                double[] v = new double[last];
                int n = 0;
                for (int c = 1; c <= last; c++) {
                    double x = value(f[c], where, c, id);
                    if (!Double.isFinite(x) && !future) {
                        continue;
                    }
                    v[n++] = x;
                }
                rows.add(new WideRow(id, Arrays.copyOf(v, n), where));
                ids.add(id);
            }
        }
        return rows;
    }

    /** The number in a field; NaN (counted) for an empty field or a spelled-out NaN/Inf. */
    private double value(String field, String where, int column, String id) {
        if (field.isEmpty()) {
            skipped.skip(MISSING, where + " column " + (column + 1));
            return Double.NaN;
        }
        double x;
        try {
            x = CsvValues.number(field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": column " + (column + 1) + " of series '" + id + "': " + e.getMessage());
        }
        if (!Double.isFinite(x)) {
            skipped.skip(NON_FINITE, where + " column " + (column + 1));
            return Double.NaN;
        }
        return x;
    }

    private void streamWide(Consumer<List<Observation>> sink, Progress progress) throws IOException {
        List<WideRow> rows = readWide(false);
        int longest = 0;
        long total = 0;
        for (WideRow r : rows) {
            longest = Math.max(longest, r.values.length);
            total += r.values.length;
        }
        progress = new Progress(progress.err(), "backtest", total);
        long done = 0;
        for (int t = 0; t < longest; t++) {
            List<Observation> batch = new ArrayList<>(rows.size());
            for (WideRow r : rows) {
                int i = t - (longest - r.values.length); // aligned at the end: every series' last value at t = longest - 1
                if (i >= 0) {
                    batch.add(new Observation(r.id, t, r.values[i]));
                }
            }
            sink.accept(batch);
            done += batch.size();
            progress.at(done);
        }
    }

    private void streamLong(Consumer<List<Observation>> sink, Progress progress) throws IOException {
        Map<String, Long> lastTs = new HashMap<>();
        List<Observation> batch = new ArrayList<>(BATCH);
        readLong((o, where) -> {
            if (!Double.isFinite(o.value())) {
                return; // counted by readLong; a skipped value does not advance its series
            }
            Long prev = lastTs.get(o.series());
            if (prev != null && o.timestamp() <= prev) {
                skipped.skip(OUT_OF_ORDER, where);
                return;
            }
            lastTs.put(o.series(), o.timestamp());
            batch.add(o);
            if (batch.size() == BATCH) {
                sink.accept(List.copyOf(batch));
                batch.clear();
            }
        }, progress);
        sink.accept(List.copyOf(batch));
    }

    private interface Row {
        void accept(Observation o, String where);
    }

    private void readLong(Row row, Progress progress) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            eachRow(in, 0, 0, progress, (f, lineNo, where) -> {
                if (f.length != 3) {
                    throw new IllegalArgumentException(where + ": expected 3 fields series,ts,value but found " + f.length);
                }
                if (lineNo == 1 && !looksNumeric(f[2])) {
                    return; // header, e.g. series,ts,value
                }
                if (f[0].isEmpty()) {
                    throw new IllegalArgumentException(where + ": row has no series id in its first field");
                }
                long ts = timestamp(f[1], where);
                double x;
                if (f[2].isEmpty()) {
                    skipped.skip(MISSING, where);
                    x = Double.NaN;
                } else {
                    try {
                        x = CsvValues.number(f[2]);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ": value " + e.getMessage());
                    }
                    if (!Double.isFinite(x)) {
                        skipped.skip(NON_FINITE, where);
                        x = Double.NaN;
                    }
                }
                ids.add(f[0]);
                row.accept(new Observation(f[0], ts, x), where);
            });
        }
    }

    /** One non-blank row of a CSV file: its fields, its line number and {@code FILE:LINE}. */
    private interface Fields {
        void accept(String[] fields, int lineNo, String where);
    }

    /**
     * Every line of {@code in} after the {@code lineNo} lines ({@code bytes} bytes) already read: blank ones
     * skipped and counted, the others split into fields; progress by bytes after each.
     */
    private void eachRow(BufferedReader in, int lineNo, long bytes, Progress progress, Fields rows) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            bytes += line.length() + 1;
            String where = file + ":" + lineNo;
            if (line.isBlank()) {
                skipped.skip(EMPTY_LINES, where);
                continue;
            }
            rows.accept(CsvValues.split(line), lineNo, where);
            if (progress != null) {
                progress.at(bytes);
            }
        }
    }

    private static long timestamp(String text, String where) {
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /** Header of a columns file: the series ids, columns 2.. */
    private String[] columnsHeader(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException(file + ":1: expected a header row (timestamp column, then one column per series)");
        }
        String[] header = CsvValues.split(line);
        if (header.length < 2) {
            throw new IllegalArgumentException(file + ":1: expected a header row (timestamp column, then one column per series)"
                    + " but found " + header.length + " field");
        }
        if (parsesAsTimestamp(header[0])) {
            throw new IllegalArgumentException(file + ":1: expected a header row (timestamp column, then one column per series)"
                    + " but '" + header[0] + "' in column 1 is a timestamp; add a header that names the series");
        }
        Map<String, Integer> seen = new HashMap<>();
        String[] ids = Arrays.copyOfRange(header, 1, header.length);
        for (int c = 0; c < ids.length; c++) {
            if (ids[c].isEmpty()) {
                throw new IllegalArgumentException(file + ":1: column " + (c + 2) + " has no series name in the header");
            }
            Integer before = seen.putIfAbsent(ids[c], c + 2);
            if (before != null) {
                throw new IllegalArgumentException(file + ":1: series '" + ids[c] + "' names columns " + before + " and " + (c + 2));
            }
        }
        return ids;
    }

    private interface ColumnsRow {
        void accept(long ts, double[] values, String where);
    }

    private void readColumns(ColumnsRow row, Progress progress) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            String[] ids = columnsHeader(first);
            columnIds = ids;
            this.ids.addAll(Arrays.asList(ids));
            long[] lastTs = {Long.MIN_VALUE};
            eachRow(in, 1, first == null ? 0 : first.length() + 1, progress, (f, lineNo, where) -> {
                if (f.length != ids.length + 1) {
                    throw new IllegalArgumentException(where + ": expected " + (ids.length + 1) + " fields (timestamp and "
                            + ids.length + " series, as the header) but found " + f.length);
                }
                long ts = timestamp(f[0], where);
                if (ts <= lastTs[0]) {
                    skipped.skip(ROWS_OUT_OF_ORDER, where);
                    return;
                }
                lastTs[0] = ts;
                double[] v = new double[ids.length];
                for (int c = 0; c < ids.length; c++) {
                    v[c] = value(f[c + 1], where, c + 1, ids[c]);
                }
                row.accept(ts, v, where);
            });
        }
    }

    /** The series ids of a columns file, once its header has been read. */
    private String[] columnIds;

    private void streamColumns(Consumer<List<Observation>> sink, Progress progress) throws IOException {
        List<Observation> batch = new ArrayList<>(BATCH);
        readColumns((ts, v, where) -> {
            for (int c = 0; c < v.length; c++) {
                if (Double.isFinite(v[c])) {
                    batch.add(new Observation(columnIds[c], ts, v[c]));
                }
            }
            if (batch.size() >= BATCH) {
                sink.accept(List.copyOf(batch));
                batch.clear();
            }
        }, progress);
        sink.accept(List.copyOf(batch));
    }

    // ---------------------------------------------------------------- future

    /** The held-out future of each series, in file order. */
    public Map<String, Future> future() throws IOException {
        Map<String, Future> out = new LinkedHashMap<>();
        switch (format) {
            case WIDE -> {
                for (WideRow r : readWide(true)) {
                    out.put(r.id, new Future(r.values, Long.MIN_VALUE, r.where));
                }
            }
            case LONG -> {
                Map<String, List<Double>> values = new LinkedHashMap<>();
                Map<String, Long> first = new HashMap<>();
                Map<String, Long> lastTs = new HashMap<>();
                Map<String, String> where = new HashMap<>();
                readLong((o, w) -> {
                    Long prev = lastTs.get(o.series());
                    if (prev != null && o.timestamp() <= prev) {
                        skipped.skip(OUT_OF_ORDER, w);
                        return;
                    }
                    lastTs.put(o.series(), o.timestamp());
                    first.putIfAbsent(o.series(), o.timestamp());
                    where.putIfAbsent(o.series(), w);
                    values.computeIfAbsent(o.series(), k -> new ArrayList<>()).add(o.value());
                }, null);
                values.forEach((id, v) -> out.put(id, new Future(v.stream().mapToDouble(Double::doubleValue).toArray(),
                        first.get(id), where.get(id))));
            }
            case COLUMNS -> {
                List<double[]> rows = new ArrayList<>();
                long[] first = {Long.MIN_VALUE};
                String[] firstWhere = {file + ":2"};
                readColumns((ts, v, w) -> {
                    if (rows.isEmpty()) {
                        first[0] = ts;
                        firstWhere[0] = w;
                    }
                    rows.add(v);
                }, null);
                for (int c = 0; c < columnIds.length; c++) {
                    double[] v = new double[rows.size()];
                    for (int t = 0; t < v.length; t++) {
                        v[t] = rows.get(t)[c];
                    }
                    out.put(columnIds[c], new Future(v, first[0], firstWhere[0] + " column " + (c + 2)));
                }
            }
            default -> throw new IllegalStateException(format.toString());
        }
        return out;
    }

    // ---------------------------------------------------------------- frequency

    /**
     * Gaps between consecutive timestamps of the first rows of a long or columns file (per series in
     * long), for inferring the data's frequency; none for wide files, and lines that do not parse are
     * passed over here (the real reading reports them).
     */
    public long[] timestampGaps() throws IOException {
        if (format == Format.WIDE) {
            return new long[0];
        }
        List<Long> gaps = new ArrayList<>();
        Map<String, Long> last = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null && gaps.size() < GAP_SAMPLE) {
                String[] f = CsvValues.split(line);
                String id = format == Format.LONG ? (f.length == 3 ? f[0] : null) : "";
                String ts = format == Format.LONG ? (f.length == 3 ? f[1] : null) : f[0];
                if (id == null) {
                    continue;
                }
                long t;
                try {
                    t = Timestamps.parse(ts);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                Long prev = last.put(id, t);
                if (prev != null && t > prev) {
                    gaps.add(t - prev);
                }
            }
        }
        return gaps.stream().mapToLong(Long::longValue).toArray();
    }

    private static boolean parsesAsTimestamp(String s) {
        try {
            Timestamps.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean looksNumeric(String s) {
        try {
            CsvValues.number(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
