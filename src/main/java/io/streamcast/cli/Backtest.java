package io.streamcast.cli;

import io.streamcast.model.Engine;
import io.streamcast.model.Forecast;
import io.streamcast.model.Step;
import io.streamcast.series.Observation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams a file through a model engine and a baseline engine side by side, evaluates both
 * prequentially and keeps each series' final forecast.
 *
 * <p>Input policy. Fatal, reported as {@code file:line: problem} (exit 1): a value that is not a
 * number, a row without series id, a series id repeated in wide format, a long-format row without
 * exactly three fields or with an unreadable timestamp. Skipped and counted (reported at the end with
 * the first places): empty lines, empty fields inside a wide row (missing values; trailing empty
 * fields are padding of ragged rows and not counted), NaN and infinite values, and in long format a
 * timestamp that repeats or goes back for its series. Skipped values do not advance the series.
 */
final class Backtest {
    static final String EMPTY_LINES = "empty lines";
    static final String MISSING = "missing values";
    static final String NON_FINITE = "NaN or infinite values";
    static final String OUT_OF_ORDER = "rows whose timestamp repeats or goes back for their series";

    private static final int LONG_BATCH = 1024;

    private final Engine model;
    private final Engine baseline;
    private final int horizon;
    private final Evaluation modelEval;
    private final Evaluation baselineEval;
    private final PrintWriter err;
    final InputCounts skipped = new InputCounts();
    final Map<String, Forecast> finalForecasts = new LinkedHashMap<>();
    long values;

    Backtest(Engine model, Engine baseline, int horizon, int season, int burnIn, PrintWriter err) {
        this.model = model;
        this.baseline = baseline;
        this.horizon = horizon;
        this.modelEval = new Evaluation(model.name(), horizon, season, burnIn);
        this.baselineEval = baseline == null ? null : new Evaluation(baseline.name(), horizon, season, burnIn);
        this.err = err;
    }

    Evaluation.Summary modelSummary() {
        return modelEval.summary();
    }

    Evaluation.Summary baselineSummary() {
        return baselineEval == null ? null : baselineEval.summary();
    }

    private void step(List<Observation> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Step> steps = model.step(batch);
        for (Step s : steps) {
            Observation o = s.observation();
            modelEval.add(o.series(), o.value(), s.forecast());
            finalForecasts.put(o.series(), s.forecast());
        }
        if (baseline != null) {
            for (Step s : baseline.step(batch)) {
                baselineEval.add(s.observation().series(), s.observation().value(), s.forecast());
            }
        }
        values += batch.size();
    }

    private record WideRow(String id, double[] values) {}

    /** Wide format: all series interleaved in time through the one engine, as a live system sees them. */
    void runWide(Path file) throws IOException {
        List<WideRow> rows = new ArrayList<>();
        Set<String> ids = new HashSet<>();
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
                if (!ids.add(id)) {
                    throw new IllegalArgumentException(where + ": series '" + id + "' already given at line "
                            + firstLine.get(id));
                }
                firstLine.put(id, lineNo);
                int last = f.length - 1;
                while (last >= 1 && f[last].isEmpty()) {
                    last--; // padding of a ragged row
                }
                double[] v = new double[last];
                int n = 0;
                for (int c = 1; c <= last; c++) {
                    if (f[c].isEmpty()) {
                        skipped.skip(MISSING, where + " column " + (c + 1));
                        continue;
                    }
                    double x;
                    try {
                        x = CsvValues.number(f[c]);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ": column " + (c + 1) + " of series '" + id + "': "
                                + e.getMessage());
                    }
                    if (!Double.isFinite(x)) {
                        skipped.skip(NON_FINITE, where + " column " + (c + 1));
                        continue;
                    }
                    v[n++] = x;
                }
                rows.add(new WideRow(id, java.util.Arrays.copyOf(v, n)));
            }
        }
        long total = 0;
        int longest = 0;
        for (WideRow r : rows) {
            total += r.values.length;
            longest = Math.max(longest, r.values.length);
            finalForecasts.put(r.id, null);
        }
        Progress progress = new Progress(err, "backtest", total);
        List<Observation> batch = new ArrayList<>(rows.size());
        for (int t = 0; t < longest; t++) {
            batch.clear();
            for (WideRow r : rows) {
                int i = t - (longest - r.values.length); // series end together
                if (i >= 0) {
                    batch.add(new Observation(r.id, t, r.values[i]));
                }
            }
            step(batch);
            progress.at(values);
        }
    }

    /** Long format: {@code series,ts,value} rows in file order, with an optional header row. */
    void runLong(Path file) throws IOException {
        Map<String, Long> lastTs = new HashMap<>();
        long size = Math.max(1, Files.size(file));
        Progress progress = new Progress(err, "backtest", size);
        long bytes = 0;
        List<Observation> batch = new ArrayList<>(LONG_BATCH);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                bytes += line.length() + 1;
                String where = file + ":" + lineNo;
                if (line.isBlank()) {
                    skipped.skip(EMPTY_LINES, where);
                    continue;
                }
                String[] f = CsvValues.split(line);
                if (f.length != 3) {
                    throw new IllegalArgumentException(where + ": expected 3 fields series,ts,value but found " + f.length);
                }
                if (lineNo == 1 && !looksNumeric(f[2])) {
                    continue; // header, e.g. series,ts,value
                }
                if (f[0].isEmpty()) {
                    throw new IllegalArgumentException(where + ": row has no series id in its first field");
                }
                long ts;
                double x;
                try {
                    ts = Timestamps.parse(f[1]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage());
                }
                try {
                    x = CsvValues.number(f[2]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": value " + e.getMessage());
                }
                if (!Double.isFinite(x)) {
                    skipped.skip(NON_FINITE, where);
                    continue;
                }
                Long prev = lastTs.get(f[0]);
                if (prev != null && ts <= prev) {
                    skipped.skip(OUT_OF_ORDER, where);
                    continue;
                }
                lastTs.put(f[0], ts);
                finalForecasts.putIfAbsent(f[0], null);
                batch.add(new Observation(f[0], ts, x));
                if (batch.size() == LONG_BATCH) {
                    step(batch);
                    batch.clear();
                    progress.at(bytes);
                }
            }
        }
        step(batch);
    }

    private static boolean looksNumeric(String s) {
        try {
            CsvValues.number(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code id,F1..FH}, one row per series in input order; empty fields for a series without values. */
    void writeForecasts(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder("id");
            for (int h = 1; h <= horizon; h++) {
                sb.append(",F").append(h);
            }
            w.println(sb);
            for (Map.Entry<String, Forecast> e : finalForecasts.entrySet()) {
                sb.setLength(0);
                sb.append(e.getKey());
                Forecast f = e.getValue();
                for (int h = 1; h <= horizon; h++) {
                    sb.append(',');
                    if (f != null && Double.isFinite(f.mean(h))) {
                        sb.append(f.mean(h));
                    }
                }
                w.println(sb);
            }
            if (w.checkError()) {
                throw new IOException("could not write " + out);
            }
        }
    }
}
