package io.streamcast.cli;

import io.streamcast.evaluate.ScoreFile;
import io.streamcast.evaluate.SeasonGuess;
import io.streamcast.evaluate.WindowLabels;
import io.streamcast.evaluate.Timestamps;

import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.anomaly.AnomalyDetector;
import io.streamcast.evaluate.LabelledFile;
import io.streamcast.evaluate.NabReport;
import io.streamcast.evaluate.NabScorer;
import io.streamcast.evaluate.Profile;
import io.streamcast.evaluate.TimeWindow;
import io.streamcast.model.EngineConfig;
import io.streamcast.model.Engines;
import io.streamcast.stream.KnownSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streamcast score}: anomaly scores for recorded series, and with {@code --labels} the
 * NAB v1.1 scoring of those scores (the same code as {@code evaluate}).
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Scores every row of timestamp,value files: the model's one-step expectation, an anomaly score in "
                    + "[0,1] that carries its own suppression of repeats, and a flag (score >= threshold).",
            "Output: one row per input row, in input order: timestamp,value,expected,anomaly_score,flag.",
            "Bad rows (empty, wrong field count, bad timestamp or number, NaN) are skipped and counted: the "
                    + "model does not learn them, their output row has an empty expected, score 0 and flag 0 "
                    + "(with --strict they are fatal, reported as file:line).",
            "Timestamps: 'yyyy-MM-dd HH:mm:ss', ISO-8601 or epoch ms; repeated or backward stamps are kept "
                    + "in input order and counted."})
public final class ScoreCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
            description = "Input CSV file(s) with header timestamp,value.")
    private List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "Output CSV for one input; for several inputs a directory (created if needed) that "
                    + "receives one output per input, under the input's file name.")
    private Path out;

    @Option(names = "--model", defaultValue = "ar", paramLabel = "NAME",
            description = "Forecasting model giving the expectation (default: ${DEFAULT-VALUE}).")
    private String model;

    @Option(names = "--season", defaultValue = "auto", paramLabel = "S|auto",
            description = "Season length in rows for the model, 0 = none, or auto: guessed per file from the "
                    + "autocorrelation of its first " + SEASON_PREFIX + " rows (default: ${DEFAULT-VALUE}).")
    private String season;

    /** Rows a season is guessed from: what NAB leaves unscored at most (its probation period). */
    static final int SEASON_PREFIX = 750;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Model seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--labels", paramLabel = "windows.json",
            description = "NAB labels (windows.json); prints the NAB v1.1 scores of the scores written, as evaluate does.")
    private Path labels;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with streamcast.anomaly.* and streamcast.model.* settings.")
    private Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "One setting, overriding --config, e.g. --set streamcast.anomaly.threshold=0.6.")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--explain", description = "Add the reason of every row that scored above 0: "
            + "kind,kind_expected,kind_actual,scale (kind: spike, level-shift, variance, trend, flatline, silence, "
            + "flood, seasonal-break; expected and actual in the kind's units; scale in rows).")
    private boolean explain;

    @Option(names = "--strict", description = "Make bad rows fatal instead of skipped and counted.")
    private boolean strict;

    @Override
    public Integer call() throws IOException {
        Map<Path, Path> outputs = outputs();
        Properties props = properties();
        usage(() -> {
            settings.keySet().stream().filter(k -> !KnownSettings.inNamespace(k)).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException("--set " + k + ": score reads only " + String.join("*, ",
                        KnownSettings.NAMESPACES) + "* keys");
            });
            KnownSettings.requireKnown(props.stringPropertyNames()); // --config may hold the service's other keys
            return null;
        });
        AnomalyConfig anomaly = usage(() -> AnomalyConfig.fromProperties(props));
        boolean autoSeason = season.equals("auto");
        int fixedSeason = autoSeason ? 0 : usage(() -> parseSeason(season));
        EngineConfig engineConfig = usage(() -> EngineConfig.fromProperties(props).withHorizon(1)
                .withSeason(fixedSeason).withSeed(seed));
        usage(() -> Engines.create(model, engineConfig));
        WindowLabels windows = labels == null ? null : WindowLabels.read(labels);
        Map<Path, String> keys = new HashMap<>();
        if (windows != null) {
            for (Path input : inputs) {
                keys.put(input, windows.keyFor(input));
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        List<LabelledFile> labelled = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isRegularFile(input)) {
                throw new IllegalArgumentException(input + ": no such file");
            }
            EngineConfig fileConfig = autoSeason
                    ? engineConfig.withSeason(SeasonGuess.estimate(ScoreFile.prefix(input, SEASON_PREFIX)))
                    : engineConfig;
            ScoreFile.Result r = ScoreFile.score(input, outputs.get(input), Engines.create(model, fileConfig),
                    AnomalyDetector.create(anomaly.withSeason(fileConfig.seasons().shortest())), strict, explain, err);
            err.println(summary(r) + (autoSeason ? ", season " + fileConfig.seasons() : ""));
            if (windows != null) {
                labelled.add(labelledScores(r, keys.get(input), windows.windows(keys.get(input)), err));
            }
        }
        err.flush();
        if (windows != null) {
            printEvaluation(stdout, labelled, anomaly);
        }
        stdout.flush();
        return 0;
    }

    private static int parseSeason(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--season: expected a number of rows or 'auto', got '" + text + "'");
        }
    }

    private Map<Path, Path> outputs() {
        Map<Path, Path> map = new LinkedHashMap<>();
        if (inputs.size() == 1) {
            map.put(inputs.get(0), out);
            return map;
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out " + out + " must be a directory when several --input files are given");
        }
        Map<Path, Path> byOutput = new HashMap<>();
        for (Path input : inputs) {
            Path target = out.resolve(input.getFileName().toString());
            Path clash = byOutput.put(target, input);
            if (clash != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "inputs " + clash + " and " + input
                        + " would both be written to " + target + "; score them in separate runs");
            }
            map.put(input, target);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + out + ": cannot create the directory (" + e.getMessage() + ")");
        }
        return map;
    }

    private Properties properties() throws IOException {
        Properties p = new Properties();
        if (config != null) {
            try (InputStream in = Files.newInputStream(config)) {
                p.load(in);
            } catch (IOException e) {
                throw new IOException("--config " + config + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        p.putAll(settings);
        return p;
    }

    /** Bad settings are bad usage (exit 2), reported with the message that names the key. */
    private <T> T usage(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static String summary(ScoreFile.Result r) {
        StringBuilder s = new StringBuilder("score: ").append(r.input()).append(": ").append(r.rows())
                .append(" rows, ").append(r.alerts()).append(r.alerts() == 1 ? " alert" : " alerts");
        if (r.badRows() > 0) {
            s.append(", ").append(r.badRows()).append(" bad rows skipped (first: ").append(r.firstBad()).append(')');
        }
        if (r.unordered() > 0) {
            s.append(", ").append(r.unordered()).append(" rows with a repeated or backward timestamp kept in input order");
        }
        return s.toString();
    }

    private static LabelledFile labelledScores(ScoreFile.Result r, String key, List<TimeWindow> windows,
            PrintWriter err) {
        LabelledFile f = LabelledFile.of(key, r.timestamps(), r.scores(), windows);
        for (TimeWindow w : f.dropped()) {
            err.println("score: " + r.input() + ": labelled window " + w + " of '" + key + "' covers no row; ignored");
        }
        return f;
    }

    /** The same scoring as {@code evaluate} on the scores just written, then the configured threshold's. */
    private static void printEvaluation(PrintWriter out, List<LabelledFile> files, AnomalyConfig anomaly) {
        NabReport swept = NabScorer.score(files, Profile.published());
        out.printf("NAB v1.1 scoring of %d files, %d windows; threshold chosen per profile over all files:%n",
                files.size(), swept.profiles().get(0).corpus().windows());
        swept.print(out, EvaluateCommand.categories(files));
        out.printf("At the configured threshold (streamcast.anomaly.threshold):%n");
        NabScorer.scoreAt(files, anomaly.threshold(), Profile.published()).print(out, List.of());
    }
}
