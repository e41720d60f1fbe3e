package io.streamcast.model;

import io.streamcast.config.Importance;
import io.streamcast.config.Key;
import io.streamcast.config.KeyTable;
import io.streamcast.config.Type;
import io.streamcast.config.Validator;
import io.streamcast.series.Observation;
import java.io.DataInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code auto}: the learning models of the registry (AR, FF-AR, LSTM; {@code
 * streamcast.model.auto.members} names a subset) run side by side on every series (each engine
 * batched as usual), and each series' forecast is, step by step, a combination
 * of theirs judged by their settled error at that very step ({@link HorizonErrors}) — the step-48
 * forecast by who has been right 48 steps out, not by the one-step error. Ways to combine
 * ({@code streamcast.model.auto.combine}):
 * <ul>
 * <li>{@code weighted} (default) — the members' forecasts weighted by the inverse of their settled
 * error at the step; a member more than {@value #TRIM}× worse than the best at that step gets no
 * weight. Before any error has settled, the plain mean.</li>
 * <li>{@code mean} — the plain mean: the most robust finding of the M4 competition.</li>
 * <li>{@code best} — the member with the lowest settled error at the step.</li>
 * </ul>
 * The combination has conformal intervals of its own ({@link ConformalIntervals}), settled against
 * what it forecast. Members still warming up (no forecast yet) are left out.
 *
 * <p>The members step a batch at the same time on a pool shared by the JVM ({@code
 * streamcast.model.auto.parallel}, default true; one thread per core): they share nothing, each is
 * deterministic on its own, and a network moved between threads is fine for DL4J — so the results
 * are the same as stepping them one after another, and auto costs the slowest member rather than
 * the sum of them.
 */
final class AutoEngine implements Engine {
    static final String NAME = "auto";
    static final String PREFIX = "streamcast.model.auto.";
    /** auto/2: combined per step by settled errors, with intervals of its own. */
    private static final String TAG = "auto/2";
    static final double TRIM = 2.0;

    enum Combine { WEIGHTED, MEAN, BEST }

    private final List<String> names;
    private final Engine[] members;
    private final int horizon;
    private final Combine combine;
    private final IntervalConfig intervalConfig;
    private final boolean parallel;
    private final Map<String, Series> series = new HashMap<>();

    /** Threads the members of every auto engine step on: one per core, daemons. */
    private static final class Pool {
        static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(), r -> {
                    Thread t = new Thread(r, "streamcast-auto-member");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Auto's own per-series part: the members' errors per step, its intervals, its pending expectation. */
    private final class Series {
        final HorizonErrors errors = new HorizonErrors(members.length, horizon);
        final ConformalIntervals intervals;
        double pending = Double.NaN;
        double[] lastMeans;

        Series(ConformalIntervals intervals) {
            this.intervals = intervals;
            this.lastMeans = new double[horizon];
            java.util.Arrays.fill(lastMeans, Double.NaN);
        }
    }

    AutoEngine(EngineConfig config) {
        this.names = members(config);
        this.members = new Engine[names.size()];
        for (int m = 0; m < members.length; m++) {
            members[m] = Engines.create(names.get(m), config);
        }
        this.horizon = config.horizon();
        this.intervalConfig = IntervalConfig.from(config);
        this.combine = combine(config);
        this.parallel = parallel(config) && members.length > 1 && Runtime.getRuntime().availableProcessors() > 1;
    }

    private static final KeyTable.Builder DEFINE = KeyTable.builder(PREFIX);
    static final Key<String> MEMBERS = DEFINE.defineComputed(PREFIX + "members", Type.STRING,
            "every learning model (ar,ffar,lstm)", Validator.any(), Importance.MEDIUM,
            "the models auto runs side by side, comma-separated");
    static final Key<Combine> COMBINE = DEFINE.define(PREFIX + "combine", Type.choice(Combine.class), Combine.WEIGHTED,
            Validator.any(), Importance.MEDIUM, "how the members' forecasts become one, step by step: `weighted` by "
                    + "the inverse of their settled error at the step, the plain `mean`, or the `best` member");
    static final Key<Boolean> PARALLEL = DEFINE.define(PREFIX + "parallel", Type.BOOLEAN, true, Validator.any(),
            Importance.LOW, "members step a batch at the same time, on a pool of one thread per core");
    static final KeyTable KEYS = DEFINE.build();

    /** {@link #PARALLEL}: members step at the same time. */
    static boolean parallel(EngineConfig config) {
        return config.get(PARALLEL);
    }

    /** {@link #COMBINE}: weighted (default), mean or best. */
    static Combine combine(EngineConfig config) {
        return config.get(COMBINE);
    }

    /** The members asked for, in registry order; by default every learning model. */
    static List<String> members(EngineConfig config) {
        List<String> all = Engines.names(Engines.Kind.MODEL);
        String asked = config.find(MEMBERS).orElse(String.join(",", all));
        List<String> chosen = new ArrayList<>();
        for (String m : asked.split(",")) {
            String name = m.trim();
            if (!all.contains(name)) {
                throw new IllegalArgumentException(MEMBERS + " must name models among " + all + ", got '"
                        + name + "'");
            }
            if (!chosen.contains(name)) {
                chosen.add(name);
            }
        }
        return all.stream().filter(chosen::contains).toList();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Step> step(List<Observation> batch) {
        List<List<Step>> byMember = stepMembers(batch);
        List<Step> out = new ArrayList<>(batch.size());
        double[][] memberMeans = new double[members.length][];
        for (int i = 0; i < batch.size(); i++) {
            Observation o = batch.get(i);
            Series s = series.computeIfAbsent(o.series(), id -> new Series(new ConformalIntervals(horizon, intervalConfig)));
            if (!Double.isFinite(o.value())) {
                out.add(new Step(o, Double.NaN, forecast(s, s.lastMeans)));
                continue;
            }
            double expected = s.pending;
            s.intervals.observe(o.value());
            s.errors.observe(o.value());
            for (int m = 0; m < members.length; m++) {
                memberMeans[m] = byMember.get(m).get(i).forecast().mean();
            }
            s.errors.record(memberMeans);
            double[] means = combine(s, memberMeans);
            s.intervals.record(means);
            s.lastMeans = means;
            s.pending = means[0];
            out.add(new Step(o, expected, forecast(s, means)));
        }
        return out;
    }

    private List<List<Step>> stepMembers(List<Observation> batch) {
        List<List<Step>> byMember = new ArrayList<>(members.length);
        if (!parallel) {
            for (Engine e : members) {
                byMember.add(e.step(batch));
            }
            return byMember;
        }
        List<CompletableFuture<List<Step>>> running = new ArrayList<>(members.length);
        for (int m = 1; m < members.length; m++) {
            Engine e = members[m];
            running.add(CompletableFuture.supplyAsync(() -> e.step(batch), Pool.EXECUTOR));
        }
        byMember.add(members[0].step(batch)); // the caller's thread takes the first member
        for (CompletableFuture<List<Step>> f : running) {
            try {
                byMember.add(f.join());
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return byMember;
    }

    private Forecast forecast(Series s, double[] means) {
        double[] lo = new double[horizon];
        double[] hi = new double[horizon];
        s.intervals.bounds(means, lo, hi);
        return new Forecast(NAME, means, lo, hi);
    }

    /** Step by step, the members' means combined as configured. */
    private double[] combine(Series s, double[][] memberMeans) {
        double[] out = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            double bestError = Double.POSITIVE_INFINITY;
            int best = -1;
            boolean settled = true;
            for (int m = 0; m < members.length; m++) {
                if (!Double.isFinite(memberMeans[m][h - 1])) {
                    continue;
                }
                double e = s.errors.error(m, h);
                settled &= !Double.isNaN(e);
                if (e < bestError) {
                    bestError = e;
                    best = m;
                }
            }
            double sum = 0;
            double weights = 0;
            for (int m = 0; m < members.length; m++) {
                double f = memberMeans[m][h - 1];
                if (!Double.isFinite(f)) {
                    continue;
                }
                double w = weight(s.errors.error(m, h), m == best, bestError, settled);
                sum += w * f;
                weights += w;
            }
            out[h - 1] = weights > 0 ? sum / weights : Double.NaN;
        }
        return out;
    }

    private double weight(double error, boolean isBest, double bestError, boolean settled) {
        if (combine == Combine.MEAN || !settled) {
            return 1.0;
        }
        if (combine == Combine.BEST) {
            return isBest ? 1.0 : 0.0;
        }
        if (error > TRIM * bestError) {
            return 0.0;
        }
        return 1.0 / Math.max(error, 1e-12 * Math.max(1.0, bestError));
    }

    @Override
    public byte[] seriesState(String id) {
        Series s = series.get(id);
        if (s == null) {
            return null;
        }
        return Snapshots.write(out -> {
            out.writeUTF(TAG);
            out.writeInt(members.length);
            out.writeDouble(s.pending);
            for (double v : s.lastMeans) {
                out.writeDouble(v);
            }
            s.intervals.writeTo(out);
            s.errors.writeTo(out);
            for (Engine e : members) {
                byte[] b = e.seriesState(id);
                out.writeInt(b == null ? -1 : b.length);
                if (b != null) {
                    out.write(b);
                }
            }
        });
    }

    @Override
    public void loadSeries(String id, byte[] state) {
        Objects.requireNonNull(id, "series");
        byte[][] parts = new byte[members.length][];
        Series s = Snapshots.read(state, NAME + " series '" + id + "'", in -> read(in, parts));
        for (int m = 0; m < members.length; m++) {
            if (parts[m] == null) {
                members[m].evict(id);
            } else {
                members[m].loadSeries(id, parts[m]);
            }
        }
        series.put(id, s);
    }

    private Series read(DataInput in, byte[][] parts) throws IOException {
        Snapshots.expectTag(in, TAG);
        int n = in.readInt();
        if (n != members.length) {
            throw new IOException("state of " + n + " members, this auto has " + members.length + " (" + names + ")");
        }
        double pending = in.readDouble();
        double[] last = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            last[h] = in.readDouble();
        }
        ConformalIntervals intervals = ConformalIntervals.readFrom(in, intervalConfig);
        if (intervals.horizon() != horizon) {
            throw new IOException("interval state for horizon " + intervals.horizon() + ", expected " + horizon);
        }
        Series s = new Series(intervals);
        s.pending = pending;
        s.lastMeans = last;
        s.errors.readFrom(in);
        for (int m = 0; m < members.length; m++) {
            int len = in.readInt();
            if (len < -1 || len > 1 << 26) {
                throw new IOException("state of " + names.get(m) + " is " + len + " bytes");
            }
            if (len >= 0) {
                parts[m] = new byte[len];
                in.readFully(parts[m]);
            }
        }
        return s;
    }

    @Override
    public void evict(String id) {
        series.remove(id);
        for (Engine e : members) {
            e.evict(id);
        }
    }

    @Override
    public byte[] sharedState() {
        return Snapshots.write(out -> {
            out.writeUTF(TAG);
            for (Engine e : members) {
                byte[] s = e.sharedState();
                out.writeInt(s.length);
                out.write(s);
            }
        });
    }

    @Override
    public void loadShared(byte[] state) {
        byte[][] parts = Snapshots.read(state, NAME + " shared", in -> {
            Snapshots.expectTag(in, TAG);
            byte[][] p = new byte[members.length][];
            for (int m = 0; m < members.length; m++) {
                int n = in.readInt();
                if (n < 0 || n > 1 << 30) {
                    throw new IOException("shared state of " + names.get(m) + " is " + n + " bytes");
                }
                p[m] = new byte[n];
                in.readFully(p[m]);
            }
            return p;
        });
        for (int m = 0; m < members.length; m++) {
            members[m].loadShared(parts[m]);
        }
    }
}
