package io.streamcast.model;

/** Builds the engines whose series share one network each. */
public final class NeuralEngines {
    private NeuralEngines() {
    }

    /** Feed-forward AR over all series: one MLP, per-series scaling. */
    public static Engine ffar(FfArConfig config) {
        return new FfArEngine(config);
    }

    /** LSTM over all series: one recurrent network, per-series scaling and recurrent state. */
    public static Engine lstm(LstmConfig config) {
        return new LstmEngine(config);
    }
}
