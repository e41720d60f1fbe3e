package io.streamcast.cli;

import io.streamcast.evaluate.SeriesFiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /** The row of a model or baseline in the printed table: sMAPE, MASE, OWA, MSIS, coverage %, pairs. */
    static double[] row(String out, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+?)%?\\s+(\\d+)$")
                .matcher(out);
        assertTrue(m.find(), "no row " + name + " in\n" + out);
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) {
            String g = m.group(i + 1);
            v[i] = g.equals("-") ? Double.NaN : Double.parseDouble(g);
        }
        return v;
    }

    @Test
    void shouldBeatSeasonalNaiveOnMaseOnTheShippedRecording() throws IOException {
        Path in = tmp.resolve("seasonal-100.csv");
        Files.writeString(in, SeasonalRecording.csv(SeasonalRecording.SERIES, SeasonalRecording.PERIOD, SeasonalRecording.SEED));
        Path out = tmp.resolve("forecasts.csv");
        CliRun r = CliRun.of("backtest", "--input", in.toString(), "--format", "wide", "--model", "ar", "--horizon", "24",
                "--season", "24", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("MASE and MSIS scale and Naive2 with m = 24; seasonal naive period 24; 95% intervals"),
                r.out());
        double[] ar = row(r.out(), "ar");
        double[] snaive = row(r.out(), "snaive(24)");
        assertTrue(ar[1] < 0.95 * snaive[1], "MASE " + ar[1] + " vs " + snaive[1]);
        assertTrue(ar[4] > 92 && ar[4] < 98, "coverage of 95% intervals " + ar[4]);
        assertEquals(snaive[5], ar[5], "the same pairs are scored for every row");
        assertTrue(ar[2] < 1, "OWA against Naive2 " + ar[2]);
        List<String> lines = Files.readAllLines(out);
        assertEquals(101, lines.size());
        assertTrue(lines.get(0).startsWith("id,F1,F2,") && lines.get(0).contains(",F24,lo1,") && lines.get(0).endsWith(",hi24"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("s000,"));
        assertEquals(1 + 3 * 24, lines.get(100).split(",", -1).length);
    }

    @Test
    void shouldGiveTheSameForecastsFromLongWideAndColumnsLayouts() throws IOException {
        String wide = SeasonalRecording.csv(3, 24, 99);
        String[] rows = wide.split("\n");
        List<List<String>> series = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int longest = 0;
        for (int i = 1; i < rows.length; i++) {
            String[] f = rows[i].split(",", -1);
            ids.add(f[0]);
            List<String> v = new ArrayList<>();
            for (int t = 1; t < f.length; t++) {
                if (!f[t].isEmpty()) {
                    v.add(f[t]);
                }
            }
            series.add(v);
            longest = Math.max(longest, v.size());
        }
        StringBuilder longCsv = new StringBuilder("series,ts,value\n");
        StringBuilder columns = new StringBuilder("date," + String.join(",", ids) + "\n");
        for (int t = 0; t < longest; t++) { // aligned at the ends, as the wide layout now is
            long ts = 1_795_392_000_000L + t * 3_600_000L;
            columns.append(ts);
            for (int s = 0; s < series.size(); s++) {
                int i = t - (longest - series.get(s).size());
                columns.append(',').append(i >= 0 ? series.get(s).get(i) : "");
                if (i >= 0) {
                    longCsv.append(ids.get(s)).append(',').append(ts).append(',').append(series.get(s).get(i)).append('\n');
                }
            }
            columns.append('\n');
        }
        Path w = tmp.resolve("w.csv");
        Path l = tmp.resolve("l.csv");
        Path c = tmp.resolve("c.csv");
        Files.writeString(w, wide);
        Files.writeString(l, longCsv);
        Files.writeString(c, columns);
        for (String[] run : new String[][] {{"wide", w.toString()}, {"long", l.toString()}, {"columns", c.toString()}}) {
            CliRun r = CliRun.of("backtest", "--input", run[1], "--format", run[0], "--horizon", "6", "--season", "24",
                    "--out", tmp.resolve("f-" + run[0] + ".csv").toString());
            assertEquals(0, r.code(), r.err());
        }
        // long lists the series in the order the file first names them: the longest first here
        assertEquals(sorted(tmp.resolve("f-wide.csv")), sorted(tmp.resolve("f-long.csv")));
        assertEquals(Files.readAllLines(tmp.resolve("f-wide.csv")), Files.readAllLines(tmp.resolve("f-columns.csv")));
    }

    private static List<String> sorted(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }

    @Test
    void shouldScoreTheQuarterlyFileAsTheM4CodeDoes() {
        // Hand-worked in io.streamcast.evaluate.BacktestTest and Naive2Test; here through the command line.
        CliRun r = CliRun.of("backtest", "--input", "src/test/resources/evaluate/quarterly-train.csv", "--test",
                "src/test/resources/evaluate/quarterly-test.csv", "--format", "wide", "--horizon", "4", "--frequency",
                "quarterly", "--model", "naive");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("MASE and MSIS scale and Naive2 with m = 4; seasonal naive period 4"), r.out());
        assertArrayEquals(new double[] {18.790, 3.000, 1.367}, java.util.Arrays.copyOf(row(r.out(), "naive"), 3), 1e-9);
        assertArrayEquals(new double[] {11.391, 1.000, 0.645}, java.util.Arrays.copyOf(row(r.out(), "snaive(4)"), 3), 1e-9);
        assertArrayEquals(new double[] {13.524, 2.230, 1.000}, java.util.Arrays.copyOf(row(r.out(), "Naive2"), 3), 1e-9);
        assertEquals(12, row(r.out(), "Naive2")[5]);
        assertTrue(r.out().contains("Naive2: seasonally adjusted 1 of 3 series (90% autocorrelation test at lag 4)"), r.out());
    }

    @Test
    void shouldReadTheColumnsLayoutSkippingAndCountingWhatTheOtherLayoutsSkip() throws IOException {
        Path f = fixture("columns.csv");
        Path out = tmp.resolve("o.csv");
        CliRun r = CliRun.of("backtest", "--input", f.toString(), "--format", "columns", "--model", "naive", "--horizon", "2",
                "--mase-period", "1", "--test", fixture("columns-test.csv").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("skipped 1 missing values (e.g. " + f + ":3 column 3)"), r.err());
        assertTrue(r.err().contains("skipped 1 rows whose timestamp repeats or goes back (e.g. " + f + ":5)"), r.err());
        assertTrue(r.err().contains("skipped 1 NaN or infinite values (e.g. " + f + ":6 column 2)"), r.err());
        assertTrue(r.err().contains("skipped 1 empty lines (e.g. " + f + ":7)"), r.err());
        assertTrue(r.err().contains("skipped 1 missing values (e.g. " + fixture("columns-test.csv") + ":2 column 3)"), r.err());
        assertTrue(r.out().contains("frequency hourly (from the timestamps)"), r.out());
        assertEquals("a,5.0,5.0,,,,", Files.readAllLines(out).get(1));
        assertEquals("b,14.0,14.0,,,,", Files.readAllLines(out).get(2));
        // a = 1 2 3 5 (scale 4/3), future 6 7; b = 10 12 13 14 (scale 4/3), future - 16 (the missing step is not scored)
        double[] naive = row(r.out(), "naive");
        assertEquals(200 * (1 / 11.0 + 2 / 12.0 + 2 / 30.0) / 3, naive[0], 5e-4);
        assertEquals((1 + 2 + 2) * 0.75 / 3, naive[1], 5e-4);
        assertEquals(3, naive[5]);
    }

    @Test
    void shouldFailNamingTheFileAndLineOfABadColumnsFileOrTestFile() {
        CliRun dup = CliRun.of("backtest", "--input", fixture("columns-dup.csv").toString(), "--format", "columns", "--horizon", "1");
        assertEquals(1, dup.code());
        assertTrue(dup.err().contains("columns-dup.csv:1: series 'a' names columns 2 and 3"), dup.err());
        CliRun shortRow = CliRun.of("backtest", "--input", fixture("columns-short-row.csv").toString(), "--format", "columns",
                "--horizon", "1");
        assertEquals(1, shortRow.code());
        assertTrue(shortRow.err().contains("columns-short-row.csv:3: expected 3 fields (timestamp and 2 series, as the header)"
                + " but found 2"), shortRow.err());
        CliRun overlap = CliRun.of("backtest", "--input", fixture("columns.csv").toString(), "--format", "columns", "--horizon", "2",
                "--test", fixture("columns-test-overlap.csv").toString());
        assertEquals(1, overlap.code());
        assertTrue(overlap.err().contains("columns-test-overlap.csv:2 column 2: series 'a' is tested from 2026-01-01T04:00:00Z,"
                + " not after the end of its input (2026-01-01T04:00:00Z)"), overlap.err());
        CliRun unknown = CliRun.of("backtest", "--input", "src/test/resources/evaluate/quarterly-train.csv", "--format", "wide",
                "--horizon", "2", "--test", fixture("wide-test-unknown.csv").toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("wide-test-unknown.csv:3: series 'X' has no values in "), unknown.err());
        CliRun tooLong = CliRun.of("backtest", "--input", "src/test/resources/evaluate/quarterly-train.csv", "--format", "wide",
                "--horizon", "3", "--test", "src/test/resources/evaluate/quarterly-test.csv");
        assertEquals(1, tooLong.code());
        assertTrue(tooLong.err().contains("quarterly-test.csv:2: series 'S' has 4 test values but --horizon is 3"), tooLong.err());
    }

    @Test
    void shouldAlignWideSeriesAtTheirEnds() throws IOException {
        Path in = tmp.resolve("ragged.csv");
        Files.writeString(in, "id,v1,v2,v3\nlong,1,2,3\nshort,7,8,\n");
        List<List<io.streamcast.series.Observation>> batches = new ArrayList<>();
        new SeriesFiles(in, SeriesFiles.Format.WIDE).stream(batches::add, new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(List.of("long"), batches.get(0).stream().map(io.streamcast.series.Observation::series).toList());
        assertEquals(List.of(2.0, 7.0), batches.get(1).stream().map(io.streamcast.series.Observation::value).toList());
        assertEquals(List.of(3.0, 8.0), batches.get(2).stream().map(io.streamcast.series.Observation::value).toList());
    }

    @Test
    void shouldWriteIntervalsAfterTheMeansAndOneFilePerModel() throws IOException {
        Path out = tmp.resolve("fc.csv");
        Path in = tmp.resolve("seasonal.csv");
        Files.writeString(in, SeasonalRecording.csv(5, 24, 3));
        CliRun r = CliRun.of("backtest", "--input", in.toString(), "--format", "wide", "--horizon", "3", "--season", "24",
                "--model", "ar,naive", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.notExists(out), "several models: one file each");
        for (String model : new String[] {"ar", "naive"}) {
            List<String> lines = Files.readAllLines(tmp.resolve("fc." + model + ".csv"));
            assertEquals("id,F1,F2,F3,lo1,lo2,lo3,hi1,hi2,hi3", lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                for (int h = 1; h <= 3; h++) {
                    double mean = Double.parseDouble(f[h]);
                    assertTrue(Double.parseDouble(f[3 + h]) <= mean && mean <= Double.parseDouble(f[6 + h]), line);
                }
            }
        }
        assertTrue(r.err().contains("ar forecasts written to " + tmp.resolve("fc.ar.csv")), r.err());
        assertEquals(Path.of("x.lstm"), BacktestCommand.perModel(Path.of("x"), "lstm"));
    }

    @Test
    void shouldRunEveryModelOfTheRegistryForAll() {
        CliRun r = CliRun.of("backtest", "--input", "src/test/resources/evaluate/quarterly-train.csv", "--test",
                "src/test/resources/evaluate/quarterly-test.csv", "--format", "wide", "--horizon", "4", "--model", "all");
        assertEquals(0, r.code(), r.err());
        for (String m : Engines.models()) {
            assertEquals(12, row(r.out(), m)[5], m);
        }
        assertTrue(r.out().contains("seasonal naive n/a (no period known: give --frequency or --season)"), r.out());
        assertTrue(Pattern.compile("(?m)^naive .*\\n^snaive +n/a +n/a +n/a +n/a +n/a +-\\n^Naive2 ").matcher(r.out()).find(),
                r.out());
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
        assertEquals(List.of("id,F1,F2,lo1,lo2,hi1,hi2", "a,6.0,6.0,,,,", "b,5.0,5.0,,,,", "c,8.0,8.0,,,,"),
                Files.readAllLines(out)); // too few values for an interval
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
        assertEquals(List.of("id,F1,lo1,hi1", "a,3.0,,", "b,11.0,,"), Files.readAllLines(out));
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
        CliRun freq = CliRun.of("backtest", "--input", "x.csv", "--format", "wide", "--horizon", "3", "--frequency", "fortnightly");
        assertEquals(2, freq.code());
        assertTrue(freq.err().contains("--frequency must be one of hourly, daily, weekly, monthly, quarterly, yearly; got"
                + " 'fortnightly'"), freq.err());
        CliRun level = CliRun.of("backtest", "--input", "x.csv", "--format", "wide", "--horizon", "3", "--level", "0.95");
        assertEquals(2, level.code());
        assertTrue(level.err().contains("--level is a percentage in [1, 100), e.g. 95; got 0.95"), level.err());
        CliRun season = CliRun.of("backtest", "--input", "x.csv", "--format", "wide", "--horizon", "3", "--season", "weekly");
        assertEquals(2, season.code());
        assertTrue(season.err().contains("--season must be auto, none or seasonal periods such as 24 or 24,168, got 'weekly'"),
                season.err());
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
