package io.streamcast.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The registry of models: creates an {@link Engine} by model name and {@link EngineConfig}. To add a
 * model, add its line to {@link #REGISTRY}: the contract suite, {@code auto}, the bench and the
 * backtest table then cover it.
 * <ul>
 * <li>{@code ar} — AR with lags and seasonal lags chosen per series ({@code streamcast.model.ar.*});</li>
 * <li>{@code ffar} — feed-forward AR, one MLP shared by all series ({@code streamcast.model.ffar.*});</li>
 * <li>{@code lstm} — LSTM shared by all series, per-series recurrent state ({@code streamcast.model.lstm.*});</li>
 * <li>{@code auto} — every learning model above side by side, combined per series and per horizon step
 * by their settled errors at that step ({@code streamcast.model.auto.*});</li>
 * <li>{@code naive} — last value;</li>
 * <li>{@code snaive} — seasonal naive, needs one fixed season.</li>
 * </ul>
 * The baselines draw no random numbers: they are deterministic whatever the seed, which they accept
 * like every model so that callers need not know which models are stochastic.
 */
public final class Engines {
    private Engines() {}

    /** The naive baseline's name: every step repeats the last value. */
    public static final String NAIVE = NaiveForecaster.NAIVE;
    /** The seasonal naive baseline's name: step h repeats the value one season before it. */
    public static final String SEASONAL_NAIVE = NaiveForecaster.SEASONAL;

    /** What a registered engine is: a model that learns, a combination of those, or a baseline. */
    public enum Kind { MODEL, COMBINATION, BASELINE }

    private record Entry(String name, Kind kind, EngineFactory factory) {}

    private static final List<Entry> REGISTRY = List.of(
            new Entry(ArForecaster.NAME, Kind.MODEL, Engines::ar),
            new Entry("ffar", Kind.MODEL, c -> new FfArEngine(FfArConfig.from(c), IntervalConfig.from(c))),
            new Entry("lstm", Kind.MODEL, c -> new LstmEngine(LstmConfig.from(c), IntervalConfig.from(c))),
            new Entry(AutoEngine.NAME, Kind.COMBINATION, AutoEngine::new),
            new Entry(NaiveForecaster.NAIVE, Kind.BASELINE, c -> naive(c, 1)),
            new Entry(NaiveForecaster.SEASONAL, Kind.BASELINE, c -> {
                if (c.seasons().periods().length != 1) {
                    throw new IllegalArgumentException("model snaive needs one fixed season of at least 2 ("
                            + EngineConfig.SEASON + "), got " + c.seasons());
                }
                return naive(c, c.seasons().shortest());
            }));

    /** Creates an engine; an unknown name or a bad setting is an IllegalArgumentException naming it. */
    public static Engine create(String model, EngineConfig config) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(model, "model");
        Entry e = entry(model).orElseThrow(() -> new IllegalArgumentException("unknown model '" + model
                + "'; known models: " + String.join(", ", names())));
        return e.factory().create(config);
    }

    private static Optional<Entry> entry(String name) {
        return REGISTRY.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Names of all registered models, sorted. */
    public static SortedSet<String> names() {
        TreeSet<String> names = new TreeSet<>();
        REGISTRY.forEach(e -> names.add(e.name()));
        return names;
    }

    /**
     * Names of the models that learn, sorted: every registered name but the baselines (naive, seasonal
     * naive) that models are judged against — what benches run and what {@code backtest --model all} means.
     */
    public static SortedSet<String> models() {
        SortedSet<String> m = names();
        m.removeAll(names(Kind.BASELINE));
        return m;
    }

    /** Names of the registered engines of one kind, in registry order (the models: ar, ffar, lstm). */
    public static List<String> names(Kind kind) {
        return REGISTRY.stream().filter(e -> e.kind() == kind).map(Entry::name).toList();
    }

    private static Engine ar(EngineConfig c) {
        ArConfig cfg = ArConfig.from(c);
        return new LocalEngine(ArForecaster.NAME, c.horizon(), new LocalModel() {
            @Override
            public Forecaster create() {
                return new ArForecaster(cfg);
            }

            @Override
            public Forecaster restore(byte[] snapshot) {
                return ArForecaster.restore(cfg, snapshot);
            }
        });
    }

    private static Engine naive(EngineConfig c, int season) {
        IntervalConfig intervals = IntervalConfig.from(c);
        return new LocalEngine(season == 1 ? NaiveForecaster.NAIVE : NaiveForecaster.SEASONAL, c.horizon(),
                new LocalModel() {
                    @Override
                    public Forecaster create() {
                        return new NaiveForecaster(season, c.horizon(), intervals);
                    }

                    @Override
                    public Forecaster restore(byte[] snapshot) {
                        return NaiveForecaster.restore(season, c.horizon(), intervals, snapshot);
                    }
                });
    }
}
