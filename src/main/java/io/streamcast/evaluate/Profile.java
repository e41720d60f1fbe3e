package io.streamcast.evaluate;

import java.util.List;
import java.util.Objects;

/**
 * Weights of one application profile of the Numenta Anomaly Benchmark (NAB v1.1): the reward for a
 * detected window ({@code tp}), the cost of a detection outside every window ({@code fp}) and of a
 * window left undetected ({@code fn}).
 */
public record Profile(String name, double tp, double fp, double fn) {

    public static final Profile STANDARD = new Profile("standard", 1.0, 0.11, 1.0);
    public static final Profile REWARD_LOW_FP = new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    public static final Profile REWARD_LOW_FN = new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0);

    public Profile {
        Objects.requireNonNull(name, "name");
        if (!(tp > 0 && fp >= 0 && fn >= 0)) {
            throw new IllegalArgumentException("profile " + name + ": weights must be tp > 0, fp ≥ 0, fn ≥ 0, got "
                    + tp + ", " + fp + ", " + fn);
        }
    }

    /** The three published profiles, standard first. */
    public static List<Profile> published() {
        return List.of(STANDARD, REWARD_LOW_FP, REWARD_LOW_FN);
    }
}
