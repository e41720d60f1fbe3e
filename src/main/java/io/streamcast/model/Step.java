package io.streamcast.model;

import io.streamcast.series.Observation;
import java.util.Objects;

/**
 * What an {@link Engine} did with one observation: the one-step forecast it had made for it before
 * seeing it ({@code expected}, NaN while the series warms up or when the value was skipped) and the
 * forecast for the steps after it, made once the observation was learned.
 */
public record Step(Observation observation, double expected, Forecast forecast) {
    public Step {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(forecast, "forecast");
    }

    /** value − expected; NaN when there was no expectation. */
    public double residual() {
        return observation.value() - expected;
    }
}
