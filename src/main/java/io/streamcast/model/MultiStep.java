package io.streamcast.model;

/**
 * How a network forecasts more than one step ahead. {@link #RECURSIVE} feeds its own one-step
 * prediction back as input H times (one output; errors accumulate with the horizon);
 * {@link #DIRECT} has one output per horizon step, each trained on the true value that many steps
 * ahead (no feedback, but the horizon is fixed when the network is built).
 */
public enum MultiStep {
    RECURSIVE,
    DIRECT
}
