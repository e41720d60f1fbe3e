package io.streamcast.model;

/** Builds the engines whose series share one network each. */
public final class NeuralEngines {
    /** 90 % conformal intervals over the last 50 errors per step, as the registry's default. */
    static final IntervalConfig DEFAULT_INTERVALS = IntervalConfig.from(EngineConfig.of(1));

    private NeuralEngines() {
    }

    /** Feed-forward AR over all series: one MLP, per-series scaling. */
    public static Engine ffar(FfArConfig config) {
        return new FfArEngine(config, DEFAULT_INTERVALS);
    }

    /** LSTM over all series: one recurrent network, per-series scaling and recurrent state. */
    public static Engine lstm(LstmConfig config) {
        return new LstmEngine(config, DEFAULT_INTERVALS);
    }
}
