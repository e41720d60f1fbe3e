package io.streamcast.evaluate;

import io.streamcast.anomaly.AnomalyDetector;
import io.streamcast.anomaly.Reason;
import io.streamcast.anomaly.Verdict;
import io.streamcast.model.Engine;
import io.streamcast.model.Step;
import io.streamcast.series.Observation;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Streams one {@code timestamp,value} file through an engine and a detector, writing one
 * {@code timestamp,value,expected,anomaly_score,flag} row per input row, in input order.
 *
 * <p>A bad row (empty line, wrong number of fields, bad timestamp, bad or non-finite number) is
 * skipped and counted: the model and detector learn nothing from it, and its output row carries
 * the row's own fields, an empty expectation, score 0 and flag 0. With {@code strict} it is fatal
 * instead, reported with file and line. Timestamps that repeat or go backwards are kept, in input
 * order, and counted. Fatal in any case: an unreadable file or a missing {@code timestamp,value} header.
 */
public final class ScoreFile {

    static final String HEADER = "timestamp,value,expected,anomaly_score,flag";
    /** The columns {@code --explain} adds: the reason of every row that scored above 0. */
    static final String EXPLAIN_HEADER = ",kind,kind_expected,kind_actual,scale";
    private static final long PROGRESS_BYTES = 8L << 20;

    /** What scoring one file produced: per-row scores and timestamps for the evaluation, and counts. */
    public record Result(Path input, int rows, int badRows, String firstBad, int unordered, int alerts, double[] scores,
            long[] timestamps) {
    }

    private ScoreFile() {
    }

    public static Result score(Path input, Path output, Engine engine, AnomalyDetector detector, boolean strict,
            boolean explain, PrintWriter err) throws IOException {
        String series = input.getFileName().toString();
        long size = Files.size(input);
        // by bytes, since the row count is unknown while streaming; silent below ~250 000 NAB-sized rows
        Progress progress = new Progress(err, "score: " + input + " (bytes)", size >= PROGRESS_BYTES ? size : 0);
        double[] scores = new double[1024];
        long[] timestamps = new long[1024];
        int rows = 0;
        int bad = 0;
        int unordered = 0;
        int alerts = 0;
        String firstBad = null;
        long lastTs = Long.MIN_VALUE;
        long bytes = 0;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            checkHeader(input, header);
            bytes = header.length() + 1;
            out.write(explain ? HEADER + EXPLAIN_HEADER : HEADER);
            out.newLine();
            int line = 1;
            String text;
            while ((text = in.readLine()) != null) {
                line++;
                bytes += text.length() + 1;
                Row row = Row.parse(text);
                double score = 0;
                if (row.problem() != null) {
                    if (strict) {
                        throw new IllegalArgumentException(input + ":" + line + ": " + row.problem());
                    }
                    bad++;
                    if (firstBad == null) {
                        firstBad = "line " + line + ": " + row.problem();
                    }
                    writeRow(out, row, Double.NaN, Verdict.NONE, explain);
                } else {
                    if (row.timestamp() <= lastTs) {
                        unordered++;
                    }
                    lastTs = Math.max(lastTs, row.timestamp());
                    List<Step> steps = engine.step(List.of(new Observation(series, row.timestamp(), row.value())));
                    double expected = steps.get(0).expected();
                    Verdict v = detector.observe(row.timestamp(), row.value(), expected);
                  score = v.score();
                    alerts += v.flag() ? 1 : 0;
                    writeRow(out, row, expected, v, explain);
                }
                if (rows == scores.length) {
                    scores = Arrays.copyOf(scores, rows * 2);
                    timestamps = Arrays.copyOf(timestamps, rows * 2);
                }
                scores[rows] = score;
                // a bad row keeps the last good stamp, so label windows still map to contiguous rows
                timestamps[rows] = row.problem() == null ? row.timestamp() : lastTs;
                rows++;
                progress.at(bytes);
            }
        }
        return new Result(input, rows, bad, firstBad, unordered, alerts, Arrays.copyOf(scores, rows),
                Arrays.copyOf(timestamps, rows));
    }

    /** The values of the first {@code rows} good rows (fewer if the file is shorter). */
    public static double[] prefix(Path input, int rows) throws IOException {
        double[] values = new double[rows];
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            checkHeader(input, in.readLine());
            String text;
            while (n < rows && (text = in.readLine()) != null) {
                Row row = Row.parse(text);
                if (row.problem() == null) {
                    values[n++] = row.value();
                }
            }
        }
        return Arrays.copyOf(values, n);
    }

    private static void checkHeader(Path input, String header) {
        if (header == null) {
            throw new IllegalArgumentException(input + ":1: the file is empty; expected a header 'timestamp,value'");
        }
        String h = header.startsWith("\uFEFF") ? header.substring(1) : header;
        String[] f = h.split(",", -1);
        if (f.length != 2 || !unquote(f[0]).equalsIgnoreCase("timestamp") || !unquote(f[1]).equalsIgnoreCase("value")) {
            throw new IllegalArgumentException(input + ":1: expected the header 'timestamp,value', got '" + header + "'");
        }
    }

    private static void writeRow(BufferedWriter out, Row row, double expected, Verdict v, boolean explain)
            throws IOException {
        out.write(row.timestampText());
        out.write(',');
        out.write(row.valueText());
        out.write(',');
        if (Double.isFinite(expected)) {
            out.write(Double.toString(expected));
        }
        out.write(',');
        out.write(Double.toString(v.score()));
        out.write(v.flag() ? ",1" : ",0");
        if (explain) {
            Reason r = v.reason();
            if (r == null) {
                out.write(",,,,");
            } else {
                out.write(',');
                out.write(r.kind().label());
                out.write(',');
                out.write(Double.toString(r.expected()));
                out.write(',');
                out.write(Double.toString(r.actual()));
                out.write(',');
                out.write(Integer.toString(r.scale()));
            }
        }
        out.newLine();
    }

    public static String unquote(String field) {
        String f = field.trim();
        return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1).trim() : f;
    }

    /** One parsed input row: its fields as written, and either its values or what is wrong with it. */
    record Row(String timestampText, String valueText, long timestamp, double value, String problem) {

        static Row parse(String line) {
            if (line.isBlank()) {
                return bad("", "", "empty line");
            }
            String[] f = line.split(",", -1);
            String tsText = unquote(f[0]);
            String valueText = f.length > 1 ? unquote(f[1]) : "";
            if (f.length != 2) {
                return bad(tsText, valueText, "expected 2 fields 'timestamp,value', got " + f.length);
            }
            long ts;
            try {
                ts = Timestamps.parse(tsText);
            } catch (IllegalArgumentException e) {
                return bad(tsText, valueText, e.getMessage());
            }
            double v;
            try {
                char last = valueText.isEmpty() ? ' ' : valueText.charAt(valueText.length() - 1);
                if (Character.isLetter(last) && last != 'N' && last != 'y') {
                    throw new NumberFormatException(); // Java would accept 1d and 2f
                }
                v = Double.parseDouble(valueText);
            } catch (NumberFormatException e) {
                return bad(tsText, valueText, "value '" + valueText + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                return bad(tsText, valueText, "value '" + valueText + "' is not finite");
            }
            return new Row(tsText, valueText, ts, v, null);
        }

        private static Row bad(String ts, String value, String problem) {
            // fields come from a split on commas, so only quotes could break the output row
            return new Row(ts.replace("\"", ""), value.replace("\"", ""), Long.MIN_VALUE, Double.NaN, problem);
        }
    }
}
