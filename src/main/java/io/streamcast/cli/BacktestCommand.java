package io.streamcast.cli;

import io.streamcast.model.Engine;
import io.streamcast.model.EngineConfig;
import io.streamcast.model.Engines;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backtest}: streams a file through a model, learning online, writes each series' final
 * H-step forecast, and prints prequential sMAPE, MASE and interval coverage beside the seasonal-naive
 * baseline (naive without season). See {@link Backtest} for the input policy.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stream a CSV file through a model, learning online; write each series' final forecast "
                + "and print sMAPE, MASE and interval coverage beside the seasonal-naive baseline.",
            "Metrics are prequential: every forecast made after a series' first max(2·season, 2·horizon) values "
                + "is compared with the values that later arrive."},
        footer = {"", "Formats:",
            "  wide  header row, then one series per row: id,v1,v2,...; ragged rows",
            "        padded with empty fields. All series go interleaved in time",
            "        through one engine, as a live system sees them.",
            "  long  rows series,ts,value (ts epoch ms, ISO-8601 or yyyy-MM-dd HH:mm:ss),",
            "        optional header, in time order per series.",
            "Output: header id,F1..FH, then one row per series, in input order.",
            "Skipped and counted (reported with file:line examples): empty lines,",
            "  missing values, NaN/Inf, timestamps that repeat or go back (long).",
            "Fatal (exit 1, file:line): values that are not numbers, rows without id,",
            "  duplicate ids (wide), rows without exactly 3 fields or with a bad",
            "  timestamp (long)."})
final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV file to replay")
    Path input;

    @Option(names = "--format", required = true, paramLabel = "long|wide", description = "input layout: wide or long")
    String format;

    @Option(names = "--model", defaultValue = "ar", paramLabel = "NAME",
            description = "model: one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
            completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--horizon", required = true, paramLabel = "H", description = "steps to forecast")
    int horizon;

    @Option(names = "--season", defaultValue = "0", paramLabel = "S", description = "season length in steps, 0 for none (default: 0)")
    int season;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "model seed (default: 0)")
    long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "model setting, repeatable, e.g. --set streamcast.model.ar.order=8")
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

    @Option(names = "--out", required = true, paramLabel = "FORECASTS.csv", description = "where to write the forecasts")
    Path out;

    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Engines.names().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("wide") && !fmt.equals("long")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be wide or long, got '" + format + "'");
        }
        if (!Engines.names().contains(model)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model '" + model
                    + "' is not a model; known models: " + String.join(", ", Engines.names()));
        }
        if (horizon < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--horizon must be at least 1, got " + horizon);
        }
        if (season < 0 || season == 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--season must be 0 (none) or at least 2, got " + season);
        }
        for (String key : settings.keySet()) {
            if (!key.startsWith("streamcast.model.") && !key.startsWith("streamcast.intervals.")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--set " + key
                        + ": backtest reads only streamcast.model.* and streamcast.intervals.* keys");
            }
        }
        try {
            io.streamcast.stream.KnownSettings.requireKnown(settings.keySet());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--set: " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException(input + ": no such file");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        EngineConfig config = EngineConfig.of(horizon).withSeason(season).withSeed(seed);
        for (java.util.Map.Entry<String, String> e : settings.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        Engine engine = Engines.create(model, config);
        String baselineName = season >= 2 ? "snaive" : "naive";
        Engine baseline = baselineName.equals(model) ? null : Engines.create(baselineName, config);
        int burnIn = 2 * Math.max(season, horizon);
        Backtest run = new Backtest(engine, baseline, horizon, season, burnIn, stderr);
        if (fmt.equals("wide")) {
            run.runWide(input);
        } else {
            run.runLong(input);
        }
        run.writeForecasts(out);
        run.skipped.print(stderr, "backtest");
        report(stdout, run, baselineName);
        stdout.flush();
        return 0;
    }

    private void report(PrintWriter w, Backtest run, String baselineName) {
        Evaluation.Summary m = run.modelSummary();
        Evaluation.Summary b = run.baselineSummary();
        w.printf(Locale.ROOT, "backtest: %s, %d series, %d values, horizon %d, season %d, seed %d%n", model,
                run.finalForecasts.size(), run.values, horizon, season, seed);
        w.printf(Locale.ROOT, "%-8s %9s %8s %10s %10s%n", "model", "sMAPE", "MASE", "coverage", "pairs");
        row(w, m);
        if (b != null) {
            row(w, b);
            if (Double.isFinite(m.mase()) && Double.isFinite(b.mase())) {
                w.printf(Locale.ROOT, "%s %s %s on MASE (%.4f vs %.4f)%n", model,
                        m.mase() < b.mase() ? "beats" : "does not beat", baselineName, m.mase(), b.mase());
            }
        }
        w.printf(Locale.ROOT, "coverage is of 90%% intervals; forecasts written to %s%n", out);
    }

    private static void row(PrintWriter w, Evaluation.Summary s) {
        w.printf(Locale.ROOT, "%-8s %8.3f%% %8.4f %9.2f%% %10d%n", s.model(), s.smape(), s.mase(), 100 * s.coverage(), s.pairs());
    }
}
