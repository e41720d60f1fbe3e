package io.streamcast.model;

import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The registry of models: creates an {@link Engine} by model name and {@link EngineConfig}. To add a
 * model, add an entry to {@link #FACTORIES}; the contract suite then covers it.
 * <ul>
 * <li>{@code ar} — AR(p) by recursive least squares per series ({@code streamcast.model.ar.*});</li>
 * <li>{@code ffar} — feed-forward AR, one MLP shared by all series ({@code streamcast.model.ffar.*});</li>
 * <li>{@code lstm} — LSTM shared by all series, per-series recurrent state ({@code streamcast.model.lstm.*});</li>
 * <li>{@code auto} — AR, FF-AR and LSTM side by side, each series forecast by its best recent one;</li>
 * <li>{@code naive} — last value;</li>
 * <li>{@code snaive} — seasonal naive, needs a season.</li>
 * </ul>
 * These three draw no random numbers: they are deterministic whatever the seed, which they accept
 * like every model so that callers need not know which models are stochastic.
 */
public final class Engines {
    private Engines() {}

    /** The naive baseline's name: every step repeats the last value. */
    public static final String NAIVE = NaiveForecaster.NAIVE;
    /** The seasonal naive baseline's name: step h repeats the value one season before it. */
    public static final String SEASONAL_NAIVE = NaiveForecaster.SEASONAL;
    private static final SortedSet<String> BASELINES = new TreeSet<>(java.util.List.of(NAIVE, SEASONAL_NAIVE));

    private static final Map<String, EngineFactory> FACTORIES = Map.of(
            ArForecaster.NAME, Engines::ar,
            "ffar", c -> new FfArEngine(FfArConfig.from(c), IntervalConfig.from(c)),
            "lstm", c -> new LstmEngine(LstmConfig.from(c), IntervalConfig.from(c)),
            AutoEngine.NAME, AutoEngine::new,
            NaiveForecaster.NAIVE, c -> naive(c, 1),
            NaiveForecaster.SEASONAL, c -> {
                if (c.seasons().periods().length != 1) {
                    throw new IllegalArgumentException("model snaive needs one fixed season of at least 2 ("
                            + EngineConfig.SEASON + "), got " + c.seasons());
                }
                return naive(c, c.seasons().shortest());
            });

    /** Creates an engine; an unknown name or a bad setting is an IllegalArgumentException naming it. */
    public static Engine create(String model, EngineConfig config) {
        Objects.requireNonNull(config, "config");
        EngineFactory f = FACTORIES.get(Objects.requireNonNull(model, "model"));
        if (f == null) {
            throw new IllegalArgumentException("unknown model '" + model + "'; known models: " + String.join(", ", names()));
        }
        return f.create(config);
    }

    /** Names of all registered models, sorted. */
    public static SortedSet<String> names() {
        return new TreeSet<>(FACTORIES.keySet());
    }

    /**
     * Names of the models that learn, sorted: every registered name but the baselines (naive, seasonal
     * naive) that models are judged against — what benches run and what {@code backtest --model all} means.
     */
    public static SortedSet<String> models() {
        SortedSet<String> m = names();
        m.removeAll(BASELINES);
        return m;
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
