package io.streamcast.stream;

import io.streamcast.model.Engine;
import io.streamcast.model.EngineConfig;
import io.streamcast.model.Engines;
import java.util.Properties;

/**
 * Engines from the model registry ({@link Engines}): the service's {@code streamcast.model.*} and
 * {@code streamcast.intervals.*} keys become the engine's settings, with the series' horizon, the
 * service seed, the rule's seasons over {@code streamcast.model.season}, and the rule's lags as the model's order key ({@code streamcast.model.ar.order} for
 * AR, {@code streamcast.model.lstm.window} (its input window) for the LSTM, {@code streamcast.model.NAME.lags}
 * otherwise).
 */
final class RegistryEngines implements EngineProvider {
    static final RegistryEngines INSTANCE = new RegistryEngines();

    private RegistryEngines() {}

    @Override
    public Engine create(ServiceConfig.SeriesSettings settings, ServiceConfig config) {
        return Engines.create(settings.model(), engineConfig(settings, config));
    }

    static EngineConfig engineConfig(ServiceConfig.SeriesSettings settings, ServiceConfig config) {
        Properties p = new Properties();
        config.modelSettings().forEach(p::setProperty);
        EngineConfig c = EngineConfig.fromProperties(p).withHorizon(settings.horizon()).withSeed(config.seed());
        if (settings.lags() > 0) {
            c = c.with(lagsKey(settings.model()), Integer.toString(settings.lags()));
        }
        if (settings.seasons().isPresent()) {
            c = c.withSeasons(settings.seasons().get());
        }
        return c;
    }

    static String lagsKey(String model) {
        return "streamcast.model." + model + switch (model) {
            case "ar" -> ".order";
            case "lstm" -> ".window";
            default -> ".lags";
        };
    }
}
