package io.streamcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.series.SeasonalRecording;
import io.streamcast.model.Engines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {

    @TempDir
    Path tmp;


    private static Path fixture(String name) {
        return Path.of("src/test/resources/backtest", name);
    }

    @Test
    void shouldBeatSeasonalNaiveOnMaseOnTheShippedRecording() throws IOException {
        Path in = tmp.resolve("seasonal-100.csv");
        Files.writeString(in, SeasonalRecording.csv(SeasonalRecording.SERIES, SeasonalRecording.PERIOD, SeasonalRecording.SEED));
        Path out = tmp.resolve("forecasts.csv");
        CliRun r = CliRun.of("backtest", "--input", in.toString(), "--format", "wide", "--model", "ar", "--horizon", "24",
                "--season", "24", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("ar beats snaive on MASE \\(([0-9.]+) vs ([0-9.]+)\\)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) < 0.95 * Double.parseDouble(m.group(2)), r.out());
        Matcher cov = Pattern.compile("(?m)^ar\\s+\\S+%\\s+\\S+\\s+([0-9.]+)%").matcher(r.out());
        assertTrue(cov.find(), r.out());
        double coverage = Double.parseDouble(cov.group(1));
        assertTrue(coverage > 87 && coverage < 93, "coverage " + coverage);
        List<String> lines = Files.readAllLines(out);
        assertEquals(101, lines.size());
        assertTrue(lines.get(0).startsWith("id,F1,F2,") && lines.get(0).endsWith(",F24"), lines.get(0));
        assertTrue(lines.get(1).startsWith("s000,"));
        assertEquals(25, lines.get(100).split(",", -1).length);
    }

    @Test
    void shouldGiveTheSameForecastsFromLongAndWideLayouts() throws IOException {
        String wide = SeasonalRecording.csv(3, 24, 99);
        StringBuilder longCsv = new StringBuilder("series,ts,value\n");
        String[] rows = wide.split("\n");
        List<String[]> fields = new ArrayList<>();
        for (int i = 1; i < rows.length; i++) {
            fields.add(rows[i].split(",", -1));
        }
        for (int t = 1; t < fields.get(0).length; t++) { // interleaved in time, as the wide run steps them
            for (String[] f : fields) {
                if (t < f.length && !f[t].isEmpty()) {
                    longCsv.append(f[0]).append(',').append(t * 60_000L).append(',').append(f[t]).append('\n');
                }
            }
        }
        Path w = tmp.resolve("w.csv");
        Path l = tmp.resolve("l.csv");
        Files.writeString(w, wide);
        Files.writeString(l, longCsv);
        CliRun a = CliRun.of("backtest", "--input", w.toString(), "--format", "wide", "--horizon", "6", "--season", "24",
                "--out", tmp.resolve("fw.csv").toString());
        CliRun b = CliRun.of("backtest", "--input", l.toString(), "--format", "long", "--horizon", "6", "--season", "24",
                "--out", tmp.resolve("fl.csv").toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertEquals(Files.readAllLines(tmp.resolve("fw.csv")), Files.readAllLines(tmp.resolve("fl.csv")));
    }

    @Test
    void shouldFailNamingFileLineAndValueForABadNumber() {
        CliRun r = CliRun.of("backtest", "--input", fixture("bad-number.csv").toString(), "--format", "wide", "--horizon", "2",
                "--out", tmp.resolve("o.csv").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bad-number.csv:3: column 4 of series 'b': 'x3' is not a number"), r.err());
    }

    @Test
    void shouldRefuseAWideFileWhoseFirstRowIsDataRatherThanLoseThatSeries() throws IOException {
        Path in = tmp.resolve("headless.csv");
        Files.writeString(in, "a,1.5,2,3\nb,4,5,6\n");
        CliRun r = CliRun.of("backtest", "--input", in.toString(), "--format", "wide", "--horizon", "1",
                "--out", tmp.resolve("o.csv").toString());
        assertEquals(1, r.code());
        Path numbered = tmp.resolve("numbered.csv");
        Files.writeString(numbered, "id,1,2,3\nb,4,5,6\n");
        assertEquals(0, CliRun.of("backtest", "--input", numbered.toString(), "--format", "wide", "--horizon", "1",
                "--out", tmp.resolve("o.csv").toString()).code());
        assertTrue(r.err().contains("headless.csv:1: expected a header row (id, then value columns) but '1.5' in column 2"
                + " is a number; add a header so series 'a' is not lost"), r.err());
    }

    @Test
    void shouldSkipAndCountEmptyLinesMissingValuesAndNanInRaggedRows() throws IOException {
        Path out = tmp.resolve("o.csv");
        CliRun r = CliRun.of("backtest", "--input", fixture("ragged.csv").toString(), "--format", "wide", "--model", "naive",
                "--horizon", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("skipped 2 empty lines (e.g. " + fixture("ragged.csv") + ":3, "), r.err());
        assertTrue(r.err().contains("skipped 1 missing values (e.g. " + fixture("ragged.csv") + ":4 column 3)"), r.err());
        assertTrue(r.err().contains("skipped 1 NaN or infinite values (e.g. " + fixture("ragged.csv") + ":4 column 5)"), r.err());
        assertEquals(List.of("id,F1,F2", "a,6.0,6.0", "b,5.0,5.0", "c,8.0,8.0"), Files.readAllLines(out));
    }

    @Test
    void shouldSkipRepeatedAndBackwardTimestampsInLongFormat() throws IOException {
        Path out = tmp.resolve("o.csv");
        CliRun r = CliRun.of("backtest", "--input", fixture("long-disorder.csv").toString(), "--format", "long", "--model", "naive",
                "--horizon", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String f = fixture("long-disorder.csv").toString();
        assertTrue(r.err().contains("skipped 2 rows whose timestamp repeats or goes back for their series (e.g. "
                + f + ":5, " + f + ":6)"), r.err());
        assertTrue(r.err().contains("skipped 1 empty lines (e.g. " + f + ":7)"), r.err());
        assertTrue(r.err().contains("skipped 1 NaN or infinite values (e.g. " + f + ":9)"), r.err());
        assertEquals(List.of("id,F1", "a,3.0", "b,11.0"), Files.readAllLines(out));
    }

    @Test
    void shouldFailNamingFileAndLineForBadTimestampOrFieldCount() {
        CliRun ts = CliRun.of("backtest", "--input", fixture("long-bad-ts.csv").toString(), "--format", "long", "--horizon", "1",
                "--out", tmp.resolve("o.csv").toString());
        assertEquals(1, ts.code());
        assertTrue(ts.err().contains("long-bad-ts.csv:3: timestamp 'yesterday' is neither"), ts.err());
        CliRun ragged = CliRun.of("backtest", "--input", fixture("long-ragged.csv").toString(), "--format", "long", "--horizon", "1",
                "--out", tmp.resolve("o.csv").toString());
        assertEquals(1, ragged.code());
        assertTrue(ragged.err().contains("long-ragged.csv:3: expected 3 fields series,ts,value but found 4"), ragged.err());
    }

    @Test
    void shouldExitTwoOnBadUsageAndOneOnAMissingFile() {
        assertEquals(2, CliRun.of("backtest", "--input", "x.csv", "--format", "wide", "--out", "o.csv").code()); // no --horizon
        CliRun model = CliRun.of("backtest", "--input", "x.csv", "--format", "wide", "--horizon", "3", "--model", "arima",
                "--out", "o.csv");
        assertEquals(2, model.code());
        assertTrue(model.err().contains("--model 'arima' is not a model; known models: " + String.join(", ", Engines.names())), model.err());
        assertEquals(2, CliRun.of("backtest", "--input", "x.csv", "--format", "tall", "--horizon", "3", "--out", "o.csv").code());
        CliRun missing = CliRun.of("backtest", "--input", tmp.resolve("nope.csv").toString(), "--format", "wide", "--horizon", "3",
                "--out", tmp.resolve("o.csv").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.csv: no such file"), missing.err());
        assertEquals(0, CliRun.of("backtest", "--help").code());
        CliRun misspelt = CliRun.of("backtest", "--input", "x.csv", "--format", "wide", "--horizon", "3", "--out", "o.csv",
                "--set", "streamcast.model.ar.oder=4");
        assertEquals(2, misspelt.code());
        assertTrue(misspelt.err().contains("unknown configuration key streamcast.model.ar.oder; did you mean "
                + "streamcast.model.ar.order?"), misspelt.err());
        CliRun detector = CliRun.of("backtest", "--input", "x.csv", "--format", "wide", "--horizon", "3", "--out", "o.csv",
                "--set", "streamcast.anomaly.threshold=0.5");
        assertEquals(2, detector.code());
        assertTrue(detector.err().contains("backtest reads only streamcast.model.* and streamcast.intervals.* keys"),
                detector.err());
    }
}
