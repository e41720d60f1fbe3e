package io.streamcast.stream;

import java.util.Objects;
import java.util.Optional;

/**
 * The model configuration a series runs under: one engine per distinct key in a task. Its string form
 * ({@code ar|lags=0|h=10|step=0}, then {@code |season=…} only when a rule sets the season) is what the
 * series store and the checkpoint store hold, so it must stay exactly as it was for stored state to
 * load: never change {@link #toString()}.
 */
record ModelKey(String model, int lags, int horizon, long stepMillis, Optional<String> seasons) {
    ModelKey {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(seasons, "seasons");
    }

    static ModelKey of(ServiceConfig.SeriesSettings s) {
        return new ModelKey(s.model(), s.lags(), s.horizon(), s.step().toMillis(), s.seasons().map(Object::toString));
    }

    @Override
    public String toString() {
        return model + "|lags=" + lags + "|h=" + horizon + "|step=" + stepMillis + seasons.map(x -> "|season=" + x).orElse("");
    }
}
