package io.streamcast.cli;

import io.streamcast.evaluate.ScoreFile;
import io.streamcast.evaluate.WindowLabels;
import io.streamcast.evaluate.Timestamps;

import io.streamcast.evaluate.LabelledFile;
import io.streamcast.evaluate.NabReport;
import io.streamcast.evaluate.NabScorer;
import io.streamcast.evaluate.Profile;
import io.streamcast.evaluate.TimeWindow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code streamcast evaluate}: the Numenta Anomaly Benchmark's scoring of existing result files,
 * one per labelled data file, exactly as the benchmark scores them ({@link NabScorer}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Scores existing anomaly results as the Numenta Anomaly Benchmark v1.1 does: probation, window "
                    + "scoring, one threshold per profile chosen over all files, normalisation against the null "
                    + "and perfect detectors. No refractory period or gating of its own.",
            "RESULTS_DIR holds one CSV per labelled file with at least the columns timestamp and anomaly_score, "
                    + "one row per data row: RESULTS_DIR/CATEGORY/FILE.csv (or NAB's CATEGORY/DETECTOR_FILE.csv, "
                    + "or RESULTS_DIR/FILE.csv as 'score --out DIR' writes it).",
            "Prints the three profiles' threshold, raw and normalised scores for all files, then the normalised "
                    + "scores per category."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--labels", required = true, paramLabel = "windows.json",
            description = "NAB labels: {\"CATEGORY/FILE.csv\": [[start, end], ...], ...}; every key is scored.")
    private Path labels;

    @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "Directory of result files.")
    private Path results;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(results)) {
            throw new IllegalArgumentException(results + ": not a directory");
        }
        WindowLabels windows = WindowLabels.read(labels);
        List<LabelledFile> files = new ArrayList<>();
        PrintWriter err = spec.commandLine().getErr();
        List<String> missing = new ArrayList<>();
        for (String key : windows.keys()) {
            Path file;
            try {
                file = resultFile(results, key);
            } catch (NoResultException e) {
                missing.add(key);
                continue;
            }
            files.add(read(file, key, windows.windows(key), err));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(results + ": no result file for any of the " + windows.keys().size()
                    + " labelled files (looked for DIR/CATEGORY/FILE.csv, DIR/CATEGORY/*_FILE.csv and DIR/FILE.csv)");
        }
        if (!missing.isEmpty()) {
            err.println("evaluate: " + missing.size() + " labelled files have no result file and are left out of "
                    + "the corpus: " + missing);
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        NabReport report = NabScorer.score(files, Profile.published());
        out.printf("NAB v1.1 scoring of %d result files in %s (labels %s), %d windows%n", files.size(), results,
                labels, report.profiles().get(0).corpus().windows());
        report.print(out, categories(files));
        out.flush();
        return 0;
    }

    static List<String> categories(List<LabelledFile> files) {
        LinkedHashSet<String> c = new LinkedHashSet<>();
        files.forEach(f -> c.add(f.category()));
        return List.copyOf(c);
    }

    /** DIR/CATEGORY/FILE.csv, else DIR/CATEGORY/*_FILE.csv (NAB's own naming), else DIR/FILE.csv. */
    static Path resultFile(Path dir, String key) throws IOException {
        Path exact = dir.resolve(key);
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        int slash = key.lastIndexOf('/');
        String name = key.substring(slash + 1);
        Path category = slash < 0 ? dir : dir.resolve(key.substring(0, slash));
        if (Files.isDirectory(category)) {
            List<Path> prefixed = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(category, "*_" + name)) {
                ds.forEach(prefixed::add);
            }
            if (prefixed.size() == 1) {
                return prefixed.get(0);
            }
            if (prefixed.size() > 1) {
                throw new IllegalArgumentException(category + ": several result files for '" + key + "': " + prefixed);
            }
        }
        Path flat = dir.resolve(name);
        if (Files.isRegularFile(flat)) {
            return flat;
        }
        throw new NoResultException(dir + ": no result file for '" + key + "' (looked for " + exact + ", "
                + category.resolve("*_" + name) + " and " + flat + ")");
    }

    static final class NoResultException extends IllegalArgumentException {
        NoResultException(String message) {
            super(message);
        }
    }

    /** A result file's timestamp and anomaly_score columns, found by their header names. */
    static LabelledFile read(Path file, String key, List<TimeWindow> windows, PrintWriter err) throws IOException {
        long[] ts = new long[1024];
        double[] scores = new double[1024];
        int n = 0;
        int unstamped = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + ":1: the file is empty; expected a header with timestamp "
                        + "and anomaly_score");
            }
            List<String> names = Arrays.stream(header.replace("\uFEFF", "").split(",", -1))
                    .map(ScoreFile::unquote).toList();
            int t = names.indexOf("timestamp");
            int s = names.indexOf("anomaly_score");
            if (t < 0 || s < 0) {
                throw new IllegalArgumentException(file + ":1: expected columns timestamp and anomaly_score, got '"
                        + header + "'");
            }
            String text;
            int line = 1;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] f = text.split(",", -1);
                if (f.length <= Math.max(t, s)) {
                    throw new IllegalArgumentException(file + ":" + line + ": expected " + names.size() + " fields, got "
                            + f.length);
                }
                if (n == ts.length) {
                    ts = Arrays.copyOf(ts, 2 * n);
                    scores = Arrays.copyOf(scores, 2 * n);
                }
                try {
                    ts[n] = Timestamps.parse(ScoreFile.unquote(f[t]));
                } catch (IllegalArgumentException e) {
                    if (n == 0) {
                        throw new IllegalArgumentException(file + ":" + line + ": " + e.getMessage(), e);
                    }
                    // a bad input row as score writes it (score 0): it keeps the previous row's time,
                    // as score's own evaluation does, so windows still cover contiguous rows
                    ts[n] = ts[n - 1];
                    unstamped++;
                }
                String v = ScoreFile.unquote(f[s]);
                try {
                    scores[n] = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + line + ": anomaly_score '" + v + "' is not a number");
                }
                if (!Double.isFinite(scores[n])) {
                    throw new IllegalArgumentException(file + ":" + line + ": anomaly_score '" + v + "' is not finite");
                }
                n++;
            }
        }
        if (unstamped > 0) {
            err.println("evaluate: " + file + ": " + unstamped + " rows with an unreadable timestamp take the previous "
                    + "row's time");
        }
        LabelledFile lf = LabelledFile.of(key, Arrays.copyOf(ts, n), Arrays.copyOf(scores, n), windows);
        for (TimeWindow w : lf.dropped()) {
            err.println("evaluate: " + file + ": labelled window " + w + " of '" + key + "' covers no row; ignored");
        }
        return lf;
    }
}
