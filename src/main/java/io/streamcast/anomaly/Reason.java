package io.streamcast.anomaly;

import java.util.Objects;

/**
 * Why an observation scored what it scored: the kind of departure that dominated, what the series'
 * own history made expected and what was seen instead (in the units of that kind: values for spike,
 * level-shift and seasonal-break; a standard deviation for variance; a change per observation for
 * trend; a change per observation that stopped for flatline; milliseconds between events for silence
 * and flood), and the time scale it was judged at, in observations.
 */
public record Reason(AnomalyKind kind, double expected, double actual, int scale) {

    public Reason {
        Objects.requireNonNull(kind, "kind");
        if (scale < 1) {
            throw new IllegalArgumentException("reason scale must be ≥ 1 observation, got " + scale);
        }
    }
}
