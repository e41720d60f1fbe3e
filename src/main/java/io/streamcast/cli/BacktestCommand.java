package io.streamcast.cli;

import io.streamcast.evaluate.SeriesFiles;

import io.streamcast.evaluate.Accuracy;
import io.streamcast.evaluate.Backtest;
import io.streamcast.evaluate.Frequency;
import io.streamcast.model.Engine;
import io.streamcast.model.EngineConfig;
import io.streamcast.model.Engines;
import io.streamcast.model.Forecast;
import io.streamcast.model.Seasons;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backtest}: streams a file through one or more models side by side, each learning online,
 * and scores them with the M4 competition's definitions beside the baselines naive, seasonal naive
 * and Naive2 ({@link Backtest}): against a held-out future ({@code --test}), or prequentially. See
 * {@link SeriesFiles} for the layouts and the input policy, docs/evaluation.md for the protocol.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stream a CSV file through one or more models, learning online, and score them the M4 way "
                + "(sMAPE, MASE, OWA against Naive2, MSIS, interval coverage) beside the baselines naive, seasonal naive "
                + "and Naive2.",
            "With --test: each series' final forecast against the actual future in that file (same layout).",
            "Without: prequentially, every forecast made at an origin with at least the burn-in of values "
                + "(2 x the longest of horizon, MASE period and seasonal periods) against the values that later arrive."},
        footer = {"", "Formats:",
            "  wide     header row, then one series per row: id,v1,v2,...; ragged rows",
            "           padded with empty fields. Series are aligned at their ends: all",
            "           end now, longer ones started earlier; one engine sees them",
            "           interleaved in time, as a live system does.",
            "  long     rows series,ts,value (ts epoch ms, ISO-8601 or yyyy-MM-dd HH:mm:ss),",
            "           optional header, in time order per series.",
            "  columns  header: timestamp column, then one column per series (its name is",
            "           the series id); one row per timestamp; empty cells are missing.",
            "Periods: --mase-period (M4's m: MASE/MSIS scale and Naive2) defaults to the",
            "  forced season, else M4's m of the frequency (hourly 24, daily 1, weekly 1,",
            "  monthly 12, quarterly 4, yearly 1), else 1. The seasonal naive uses the forced",
            "  season, else the frequency's cycle (hourly 24, daily 7, weekly 52, monthly 12,",
            "  quarterly 4), else --mase-period when >= 2, else there is none (row n/a).",
            "Output (--out): id,F1..FH,lo1..loH,hi1..hiH, one row per series in input order;",
            "  with several models one file per model, FILE with .MODEL before its extension.",
            "Skipped and counted (reported with file:line examples): empty lines, missing",
            "  values, NaN/Inf, timestamps that repeat or go back.",
            "Fatal (exit 1, file:line): values that are not numbers, rows without id,",
            "  duplicate ids, missing headers, rows with the wrong number of fields, bad",
            "  timestamps; a --test series unknown to the input, longer than --horizon, or",
            "  not after the input's end."})
final class BacktestCommand implements Callable<Integer> {
    static final String ALL = "all";

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV file to replay")
    Path input;

    @Option(names = "--format", required = true, paramLabel = "wide|long|columns", description = "layout of --input and --test")
    String format;

    @Option(names = "--model", defaultValue = "ar", paramLabel = "NAMES", split = ",",
            description = "models, comma-separated, or 'all' (${COMPLETION-CANDIDATES}); each an independent engine "
                    + "(default: ${DEFAULT-VALUE})", completionCandidates = ModelNames.class)
    List<String> models;

    @Option(names = "--horizon", required = true, paramLabel = "H", description = "steps to forecast")
    int horizon;

    @Option(names = "--season", defaultValue = "auto", paramLabel = "auto|none|S[,S2]",
            description = "the models' seasonal periods: auto (detected per series), none, or forced, e.g. 24,168 "
                    + "(default: ${DEFAULT-VALUE})")
    String season;

    @Option(names = "--frequency", paramLabel = "F", description = "hourly, daily, weekly, monthly, quarterly or yearly "
            + "(default: inferred from the timestamps of long and columns files; none for wide)")
    String frequency;

    @Option(names = "--mase-period", paramLabel = "m", description = "M4's m: lag of the MASE and MSIS scale and "
            + "Naive2's period (default: the forced season, else M4's m for the frequency, else 1)")
    Integer masePeriod;

    @Option(names = "--level", defaultValue = "95", paramLabel = "PERCENT", description = "prediction interval level "
            + "made by the models and scored by MSIS and coverage (default: ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--test", paramLabel = "FILE", description = "the actual future of each series, same layout as "
            + "--input; scores each series' final forecast against it")
    Path test;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "model seed (default: 0)")
    long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "model setting, repeatable, e.g. --set streamcast.model.ar.order=8")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "FORECASTS.csv", description = "where to write each series' final forecast")
    Path out;

    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            List<String> names = new ArrayList<>(Engines.names());
            names.add(ALL);
            return names.iterator();
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws Exception {
        SeriesFiles.Format fmt;
        Frequency given;
        Seasons seasons;
        try {
            fmt = SeriesFiles.Format.parse(format);
            given = frequency == null ? null : Frequency.parse(frequency);
            seasons = Seasons.parse("--season", season);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage().startsWith("frequency") ? "--" + e.getMessage() : e.getMessage());
        }
        List<String> names = modelNames();
        if (horizon < 1) {
            throw usage("--horizon must be at least 1, got " + horizon);
        }
        if (!(level >= 1 && level < 100)) {
            throw usage("--level is a percentage in [1, 100), e.g. 95; got " + level);
        }
        if (masePeriod != null && masePeriod < 1) {
            throw usage("--mase-period must be at least 1, got " + masePeriod);
        }
        for (String key : settings.keySet()) {
            if (!key.startsWith("streamcast.model.") && !key.startsWith("streamcast.intervals.")) {
                throw usage("--set " + key + ": backtest reads only streamcast.model.* and streamcast.intervals.* keys");
            }
        }
        try {
            io.streamcast.stream.KnownSettings.requireKnown(settings.keySet());
        } catch (IllegalArgumentException e) {
            throw usage("--set: " + e.getMessage());
        }
        EngineConfig config = EngineConfig.of(horizon).withSeasons(seasons).withSeed(seed).withCoverage(level / 100);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        List<Engine> engines = new ArrayList<>();
        for (String m : names) {
            try {
                engines.add(Engines.create(m, config));
            } catch (IllegalArgumentException e) {
                throw usage("--model " + m + ": " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException(input + ": no such file");
        }
        if (test != null && !Files.isRegularFile(test)) {
            throw new IllegalArgumentException(test + ": no such file (--test)");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();

        SeriesFiles files = new SeriesFiles(input, fmt);
        Frequency inferred = Frequency.infer(files.timestampGaps());
        Frequency freq = given != null ? given : inferred;
        if (given != null && inferred != null && given != inferred) {
            stderr.println("backtest: --frequency " + given.label() + " given, but the timestamps of " + input + " look "
                    + inferred.label() + "; using " + given.label());
        }
        int m = masePeriod != null ? masePeriod
                : seasons.shortest() >= 2 ? seasons.shortest()
                : freq != null ? freq.m4Period() : 1;
        int snaive = seasons.shortest() >= 2 ? seasons.shortest()
                : freq != null && freq.cycle() >= 2 ? freq.cycle()
                : m >= 2 ? m : 0;
        int burnIn = 2 * Math.max(Math.max(horizon, m), Math.max(snaive, seasons.longest()));
        Backtest run = new Backtest(engines, config, new Backtest.Protocol(horizon, m, snaive, level / 100, burnIn, test == null));

        files.stream(run::step, stderr);
        files.skipped.print(stderr, "backtest");

        Backtest.Result result;
        String scored;
        if (test != null) {
            SeriesFiles testFiles = new SeriesFiles(test, fmt);
            Map<String, double[]> future = future(testFiles, run);
            testFiles.skipped.print(stderr, "backtest (" + test + ")");
            result = run.holdout(future);
            long futureValues = future.values().stream().mapToLong(v -> v.length).sum();
            scored = String.format(Locale.ROOT, "final forecast of each series against %s: %d series, %d values%s", test,
                    future.size(), futureValues, unscoredNote(files.ids(), future));
        } else {
            result = run.prequential();
            scored = String.format(Locale.ROOT, "prequential: every forecast made at an origin with at least %d values of "
                    + "its series, steps 1..%d, against the values that later arrived; %d series", burnIn, horizon,
                    result.seriesScored());
        }
        if (out != null) {
            for (String model : run.modelNames()) {
                Path file = names.size() == 1 ? out : perModel(out, model);
                writeForecasts(file, files.ids(), run.finalForecasts(model));
                stderr.println("backtest: " + model + " forecasts written to " + file);
            }
        }
        report(stdout, run, fmt, freq, given != null, m, snaive, scored, result);
        stdout.flush();
        return 0;
    }

    private List<String> modelNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String m : models) {
            String name = m.trim();
            if (name.equals(ALL)) {
                names.addAll(Engines.models());
            } else if (!Engines.names().contains(name)) {
                throw usage("--model '" + name + "' is not a model; known models: " + String.join(", ", Engines.names())
                        + " (or " + ALL + ")");
            } else {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** The future of each series of the test file, checked against what the input had. */
    private Map<String, double[]> future(SeriesFiles testFiles, Backtest run) throws IOException {
        Map<String, double[]> future = new LinkedHashMap<>();
        for (Map.Entry<String, SeriesFiles.Future> e : testFiles.future().entrySet()) {
            SeriesFiles.Future f = e.getValue();
            if (!run.has(e.getKey())) {
                throw new IllegalArgumentException(f.where() + ": series '" + e.getKey() + "' has no values in " + input);
            }
            if (f.values().length > horizon) {
                throw new IllegalArgumentException(f.where() + ": series '" + e.getKey() + "' has " + f.values().length
                        + " test values but --horizon is " + horizon + "; forecast the whole test period");
            }
            long last = run.lastTimestamp(e.getKey());
            if (f.firstTimestamp() != Long.MIN_VALUE && f.firstTimestamp() <= last) {
                throw new IllegalArgumentException(f.where() + ": series '" + e.getKey() + "' is tested from "
                        + java.time.Instant.ofEpochMilli(f.firstTimestamp()) + ", not after the end of its input ("
                        + java.time.Instant.ofEpochMilli(last) + ")");
            }
            future.put(e.getKey(), f.values());
        }
        return future;
    }

    private static String unscoredNote(List<String> inputIds, Map<String, double[]> future) {
        long without = inputIds.stream().filter(id -> !future.containsKey(id)).count();
        return without == 0 ? "" : "; " + without + " input series without test values are not scored";
    }

    /** FILE.csv → FILE.MODEL.csv (FILE → FILE.MODEL without extension). */
    static Path perModel(Path out, String model) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String file = dot > 0 ? name.substring(0, dot) + "." + model + name.substring(dot) : name + "." + model;
        return out.resolveSibling(file);
    }

    /**
     * {@code id,F1..FH,lo1..loH,hi1..hiH}, one row per series in input order; empty fields where a
     * series has no forecast (no usable value) or a bound is not finite.
     */
    private void writeForecasts(Path file, List<String> ids, Map<String, Forecast> forecasts) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder("id");
            for (String col : new String[] {"F", "lo", "hi"}) {
                for (int h = 1; h <= horizon; h++) {
                    sb.append(',').append(col).append(h);
                }
            }
            w.println(sb);
            for (String id : ids) {
                sb.setLength(0);
                sb.append(id);
                Forecast f = forecasts.get(id);
                for (int part = 0; part < 3; part++) {
                    for (int h = 1; h <= horizon; h++) {
                        sb.append(',');
                        double v = f == null ? Double.NaN : part == 0 ? f.mean(h) : part == 1 ? f.lo(h) : f.hi(h);
                        if (Double.isFinite(v)) {
                            sb.append(v);
                        }
                    }
                }
                w.println(sb);
            }
            if (w.checkError()) {
                throw new IOException("could not write " + file);
            }
        }
    }

    private void report(PrintWriter w, Backtest run, SeriesFiles.Format fmt, Frequency freq, boolean freqGiven, int m,
            int snaive, String scored, Backtest.Result r) {
        w.printf(Locale.ROOT, "backtest: %s, %s input, %d series, %d values%s; horizon %d; seasons %s; frequency %s; seed %d%n",
                input, fmt.label(), run.series().size(), run.values(),
                fmt == SeriesFiles.Format.WIDE ? " (series aligned at their ends)" : "", horizon, season,
                freq == null ? "unknown" : freq.label() + (freqGiven ? "" : " (from the timestamps)"), seed);
        w.println("scored: " + scored);
        w.printf(Locale.ROOT, "M4 definitions: MASE and MSIS scale and Naive2 with m = %d; seasonal naive %s; %s%% intervals%n",
                m, snaive >= 2 ? "period " + snaive : "n/a (no period known: give --frequency or --season)",
                new java.text.DecimalFormat("0.##").format(level));
        w.printf(Locale.ROOT, "%-12s %9s %9s %8s %9s %9s %8s%n", "model", "sMAPE", "MASE", "OWA", "MSIS", "coverage", "pairs");
        for (Accuracy.Scores s : r.models()) {
            row(w, s);
        }
        w.println("baselines:");
        for (Accuracy.Scores s : r.baselines()) {
            if (snaive < 2 && s.name().equals(Backtest.NAIVE2)) {
                w.printf(Locale.ROOT, "%-12s %9s %9s %8s %9s %9s %8s%n", Engines.SEASONAL_NAIVE, "n/a", "n/a", "n/a", "n/a", "n/a",
                        "-");
            }
            row(w, s);
        }
        if (r.naive2Seasonal() >= 0) {
            w.printf(Locale.ROOT, "Naive2: seasonally adjusted %d of %d series (90%% autocorrelation test at lag %d)%s%n",
                    r.naive2Seasonal(), r.seriesScored(), m, r.naive2NotPositive() == 0 ? "" : "; " + r.naive2NotPositive()
                            + " more passed the test but their multiplicative figure is not positive: plain naive there");
        }
        if (r.seriesUnscaled() > 0) {
            w.printf(Locale.ROOT, "%d series have no MASE scale (constant, or not longer than m = %d): not in MASE, MSIS, OWA%n",
                    r.seriesUnscaled(), m);
        }
        List<Accuracy.Scores> all = new ArrayList<>(r.models());
        all.addAll(r.baselines());
        for (Accuracy.Scores s : all) {
            if (s.missing() > 0) {
                w.printf(Locale.ROOT, "%s: %d of %d forecasts missing (not finite), scored on the rest%n", s.name(), s.missing(),
                        s.missing() + s.pairs());
            }
        }
    }

    private static void row(PrintWriter w, Accuracy.Scores s) {
        w.printf(Locale.ROOT, "%-12s %9s %9s %8s %9s %9s %8d%n", s.name(), num(s.smape()), num(s.mase()), num(s.owa()),
                num(s.msis()), Double.isNaN(s.coverage()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * s.coverage()),
                s.pairs());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
