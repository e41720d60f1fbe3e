package io.streamcast.evaluate;

import io.streamcast.model.Engine;
import io.streamcast.model.EngineConfig;
import io.streamcast.model.Engines;
import io.streamcast.model.Forecast;
import io.streamcast.model.Seasons;
import io.streamcast.model.Step;
import io.streamcast.series.LagWindow;
import io.streamcast.series.Observation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The backtest driver: streams batches of observations through any number of model engines side by
 * side — each independent, each learning online as the service would — beside the baselines naive,
 * seasonal naive (when a period is known) and Naive2, and scores them all in one of two ways.
 *
 * <ul>
 * <li><b>Held out</b> ({@link #holdout}, the M4 protocol): each series' final forecast — made once
 * its last input value was learned — against the actual future given for it. The MASE/MSIS scale
 * is that of the series' input, Naive2 is computed on the input with {@link Naive2#forecast}, naive
 * and seasonal naive are the registry's baselines streamed like the models (their point forecasts
 * are the M4 definitions: last value; the value one period before, repeated).</li>
 * <li><b>Prequential</b> ({@link #prequential}): every forecast made at an origin with at least
 * {@code burnIn} values of its series is scored, step by step, against the values that later arrive.
 * Each origin is scored as M4 scores its single origin: the scale is that of the series' values up to
 * the origin, and Naive2 is the M4 Naive2 of those values ({@link Naive2.Online}).</li>
 * </ul>
 * All figures come from {@link Accuracy}; OWA is relative to the Naive2 of the same run.
 */
public final class Backtest {

    /**
     * How a run is scored: the forecast horizon; M4's m (the MASE/MSIS scale's lag and Naive2's
     * period); the seasonal naive's period (0: none known, no seasonal-naive row); the intervals'
     * level in (0, 1); the burn-in of prequential scoring, in values of a series; whether to score
     * prequentially (otherwise the input values are kept for {@link #holdout}).
     */
    public record Protocol(int horizon, int masePeriod, int seasonalNaivePeriod, double level, int burnIn,
            boolean prequential) {
        public Protocol {
            if (horizon < 1 || masePeriod < 1 || seasonalNaivePeriod < 0 || seasonalNaivePeriod == 1 || burnIn < 1) {
                throw new IllegalArgumentException("protocol needs horizon >= 1, MASE period >= 1, seasonal naive period 0 or"
                        + " >= 2 and burn-in >= 1; got " + horizon + ", " + masePeriod + ", " + seasonalNaivePeriod + ", " + burnIn);
            }
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("interval level must be strictly between 0 and 1, got " + level);
            }
        }
    }

    /** One engine and how it has done. */
    private final class Runner {
        final String name;
        final Engine engine;
        final Accuracy accuracy;
        final Map<String, Origins> origins = new HashMap<>();
        final Map<String, Forecast> last = new LinkedHashMap<>();

        Runner(String name, Engine engine) {
            this.name = name;
            this.engine = engine;
            this.accuracy = new Accuracy(name, protocol.level);
        }
    }

    /** The last H forecasts of one series (ring by origin) and the scale at each origin. */
    private final class Origins {
        final Forecast[] made = new Forecast[protocol.horizon];
        final double[] scale = new double[protocol.horizon];
    }

    /** What the driver keeps per series, whatever the engines. */
    private final class Series {
        final String id;
        long n;
        double scaleSum;
        long scaleCount;
        final LagWindow past = new LagWindow(protocol.masePeriod);
        double[] values = new double[16];
        long lastTimestamp = Long.MIN_VALUE;
        final Naive2.Online naive2;
        final Origins naive2Origins;

        Series(String id) {
            this.id = id;
            this.naive2 = protocol.prequential ? new Naive2.Online(protocol.masePeriod) : null;
            this.naive2Origins = protocol.prequential ? new Origins() : null;
        }

        double scale() {
            return scaleCount == 0 ? Double.NaN : scaleSum / scaleCount;
        }

        void add(double x) {
            if (past.size() == protocol.masePeriod) {
                scaleSum += Math.abs(x - past.lag(protocol.masePeriod));
                scaleCount++;
            }
            past.push(x);
            if (!protocol.prequential) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
                values[(int) n] = x;
            }
            n++;
        }

        double[] values() {
            return Arrays.copyOf(values, (int) n);
        }
    }

    private final Protocol protocol;
    private final List<Runner> models = new ArrayList<>();
    private final List<Runner> baselines = new ArrayList<>();
    private final Accuracy naive2;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private final double[] noBounds;
    private long values;

    /**
     * Models as given (distinct names); the baselines are created here from the registry with
     * {@code config}'s settings, at the protocol's level: naive, and seasonal naive with the
     * protocol's period when there is one.
     */
    public Backtest(List<Engine> engines, EngineConfig config, Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        for (Engine e : engines) {
            for (Runner r : models) {
                if (r.name.equals(e.name())) {
                    throw new IllegalArgumentException("model '" + e.name() + "' given twice");
                }
            }
            models.add(new Runner(e.name(), e));
        }
        EngineConfig base = config.withHorizon(protocol.horizon).withCoverage(protocol.level);
        baselines.add(new Runner(Engines.NAIVE, Engines.create(Engines.NAIVE, base.withSeasons(Seasons.NONE))));
        if (protocol.seasonalNaivePeriod >= 2) {
            baselines.add(new Runner(seasonalNaiveName(protocol.seasonalNaivePeriod), Engines.create(Engines.SEASONAL_NAIVE,
                    base.withSeasons(Seasons.of(protocol.seasonalNaivePeriod)))));
        }
        naive2 = new Accuracy(NAIVE2, protocol.level);
        noBounds = new double[protocol.horizon];
        Arrays.fill(noBounds, Double.NaN);
    }

    /** Row name of Naive2. */
    public static final String NAIVE2 = "Naive2";

    /** Row name of the seasonal naive baseline with period m, e.g. {@code snaive(24)}. */
    public static String seasonalNaiveName(int m) {
        return Engines.SEASONAL_NAIVE + "(" + m + ")";
    }

    /** Steps one batch through every engine and scores what can be scored. */
    public void step(List<Observation> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Runner> all = runners();
        List<List<Step>> steps = new ArrayList<>(all.size());
        for (Runner r : all) {
            List<Step> s = r.engine.step(batch);
            if (s.size() != batch.size()) {
                throw new IllegalStateException("engine " + r.name + " returned " + s.size() + " steps for " + batch.size()
                        + " observations");
            }
            steps.add(s);
        }
        for (int i = 0; i < batch.size(); i++) {
            Observation o = batch.get(i);
            Series s = series.computeIfAbsent(o.series(), Series::new);
            double y = o.value();
            if (protocol.prequential) {
                for (Runner r : all) {
                    score(r.origins.computeIfAbsent(o.series(), k -> new Origins()), s.n, y, r.accuracy);
                }
                score(s.naive2Origins, s.n, y, naive2);
            }
            s.add(y);
            s.lastTimestamp = o.timestamp();
            for (int k = 0; k < all.size(); k++) {
                Runner r = all.get(k);
                Forecast f = steps.get(k).get(i).forecast();
                r.last.put(o.series(), f);
                if (protocol.prequential) {
                    remember(r.origins.get(o.series()), s, f);
                }
            }
            if (protocol.prequential) {
                s.naive2.add(y);
                remember(s.naive2Origins, s, new Forecast(NAIVE2, s.naive2.forecast(protocol.horizon), noBounds, noBounds));
            }
        }
        values += batch.size();
    }

    private List<Runner> runners() {
        List<Runner> all = new ArrayList<>(models);
        all.addAll(baselines);
        return all;
    }

    /** The value at index t of a series meets the forecasts made h = 1..H values before it. */
    private void score(Origins o, long t, double y, Accuracy into) {
        for (int h = 1; h <= protocol.horizon; h++) {
            long origin = t - h; // index of the last value known when the forecast was made
            if (origin + 1 < protocol.burnIn) {
                continue;
            }
            int slot = (int) (origin % protocol.horizon);
            Forecast f = o.made[slot];
            into.add(y, f.mean(h), f.lo(h), f.hi(h), o.scale[slot]);
        }
    }

    private void remember(Origins o, Series s, Forecast f) {
        int slot = (int) ((s.n - 1) % protocol.horizon);
        o.made[slot] = f;
        o.scale[slot] = s.scale();
    }

    /** Values stepped so far. */
    public long values() {
        return values;
    }

    /** Series seen so far, in order of first appearance. */
    public List<String> series() {
        return List.copyOf(series.keySet());
    }

    /** Whether the series has had at least one value. */
    public boolean has(String id) {
        return series.containsKey(id);
    }

    /** Timestamp of the series' last value, or Long.MIN_VALUE for a series never seen. */
    public long lastTimestamp(String id) {
        Series s = series.get(id);
        return s == null ? Long.MIN_VALUE : s.lastTimestamp;
    }

    /** Names of the models, in the order given. */
    public List<String> modelNames() {
        return models.stream().map(r -> r.name).toList();
    }

    /** Each series' latest forecast by the named model (or baseline), in order of first appearance. */
    public Map<String, Forecast> finalForecasts(String name) {
        for (Runner r : runners()) {
            if (r.name.equals(name)) {
                return Collections.unmodifiableMap(r.last);
            }
        }
        throw new IllegalArgumentException("no model '" + name + "' in this backtest");
    }

    /**
     * The table of a run: one row per model, then the baselines (naive, seasonal naive when there is a
     * period, Naive2); how many series were scored, how many had no MASE scale, in how many Naive2 was
     * seasonally adjusted, and in how many the test passed but the figure was not positive so Naive2 was
     * plain naive (the last two held out only; -1 in prequential runs, where it is decided per origin).
     */
    public record Result(List<Accuracy.Scores> models, List<Accuracy.Scores> baselines, int seriesScored,
            int seriesUnscaled, int naive2Seasonal, int naive2NotPositive) {}

    /** The prequential scores; only for a run with {@link Protocol#prequential}. */
    public Result prequential() {
        if (!protocol.prequential) {
            throw new IllegalStateException("this backtest keeps its values for a held-out test, not prequential scores");
        }
        int scored = 0;
        int unscaled = 0;
        for (Series s : series.values()) {
            if (s.n > protocol.burnIn) {
                scored++;
                if (!(s.scale() > 0)) {
                    unscaled++;
                }
            }
        }
        return result(naive2.scores(null), scored, unscaled, -1, -1);
    }

    /**
     * Scores each series' final forecasts against {@code future} (per series id, the values of steps
     * 1, 2, …; NaN for a step whose value is missing, which is not scored). Series without a future are
     * not scored; a future longer than the horizon, or for a series never seen, is an
     * IllegalArgumentException naming it.
     */
    public Result holdout(Map<String, double[]> future) {
        if (protocol.prequential) {
            throw new IllegalStateException("this backtest scored prequentially and did not keep its values");
        }
        int scored = 0;
        int unscaled = 0;
        int seasonal = 0;
        int notPositive = 0;
        for (Map.Entry<String, double[]> e : future.entrySet()) {
            Series s = series.get(e.getKey());
            double[] y = e.getValue();
            if (s == null) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has a future but no input values");
            }
            if (y.length > protocol.horizon) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has " + y.length
                        + " future values but the horizon is " + protocol.horizon);
            }
            double[] x = s.values();
            double scale = Accuracy.scale(x, protocol.masePeriod);
            scored++;
            if (!(scale > 0)) {
                unscaled++;
            }
            if (Naive2.seasonal(x, protocol.masePeriod)) {
                if (Naive2.figure(x, protocol.masePeriod) == null) {
                    notPositive++;
                } else {
                    seasonal++;
                }
            }
            double[] n2 = Naive2.forecast(x, protocol.masePeriod, protocol.horizon);
            for (Runner r : runners()) {
                Forecast f = r.last.get(e.getKey());
                for (int h = 1; h <= y.length; h++) {
                    if (Double.isNaN(y[h - 1])) {
                        continue;
                    }
                    if (f == null) {
                        r.accuracy.add(y[h - 1], Double.NaN, Double.NaN, Double.NaN, scale);
                    } else {
                        r.accuracy.add(y[h - 1], f.mean(h), f.lo(h), f.hi(h), scale);
                    }
                }
            }
            for (int h = 1; h <= y.length; h++) {
                if (!Double.isNaN(y[h - 1])) {
                    naive2.add(y[h - 1], n2[h - 1], Double.NaN, Double.NaN, scale);
                }
            }
        }
        return result(naive2.scores(null), scored, unscaled, seasonal, notPositive);
    }

    private Result result(Accuracy.Scores n2, int scored, int unscaled, int seasonal, int notPositive) {
        Accuracy.Scores reference = naive2.scores(n2);
        List<Accuracy.Scores> m = new ArrayList<>();
        for (Runner r : models) {
            m.add(r.accuracy.scores(reference));
        }
        List<Accuracy.Scores> b = new ArrayList<>();
        for (Runner r : baselines) {
            b.add(r.accuracy.scores(reference));
        }
        b.add(reference);
        return new Result(m, b, scored, unscaled, seasonal, notPositive);
    }
}
