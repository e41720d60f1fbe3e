package io.streamcast.model;

/**
 * The tiny contract every model honours for one series (in the spirit of River's
 * {@code learn_one}/{@code forecast}): learning is the only mutator, forecasting is read-only.
 * A forecaster is created with a seed and is deterministic: the same observations give the same
 * forecasts, and {@link #snapshot()} restored by the model's factory continues exactly.
 */
public interface Forecaster {

    /** Short model name as it appears in outputs: {@code ar}, {@code naive}, {@code ffar}, ... */
    String name();

    /** Learns the next value of the series. Non-finite values are skipped and counted, never fatal. */
    void learn(double value);

    /** Forecasts steps 1..horizon from the current state, with prediction intervals. Read-only. */
    Forecast forecast(int horizon);

    /** The complete state as bytes; the model's factory restores it bit-exactly. */
    byte[] snapshot();
}
