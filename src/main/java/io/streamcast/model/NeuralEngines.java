package io.streamcast.model;

/** Builds the engines whose series share one network each. */
public final class NeuralEngines {
    private NeuralEngines() {
    }

    /** Feed-forward AR over all series: one MLP, per-series scaling. */
    public static Engine ffar(FfArConfig config) {
        return new FfArEngine(config);
    }
}
