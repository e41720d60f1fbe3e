package io.streamcast.stream;

import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.model.Engine;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engines of one stream task — one per model configuration ({@link ModelKey}) its series run
 * under, created on first use — and, per engine, the series whose state it holds in memory, least
 * recently used first, trimmed to the task's share of {@code streamcast.series.cache}.
 */
final class EngineSlots {

    /** One engine of the task and the series it holds in memory. */
    static final class Slot {
        final ModelKey key;
        final ServiceConfig.SeriesSettings settings;
        final Engine engine;
        final boolean shared;
        final AnomalyConfig anomaly;
        /** Series whose state is in the engine, least recently used first. */
        private final LinkedHashMap<String, Boolean> loaded = new LinkedHashMap<>(16, 0.75f, true);
        /** Series whose before-image is in the checkpoint store since the last checkpoint (shared engines). */
        final Set<String> logged = new HashSet<>();

        Slot(ModelKey key, ServiceConfig.SeriesSettings settings, Engine engine, AnomalyConfig anomaly) {
            this.key = key;
            this.settings = settings;
            this.engine = engine;
            this.shared = engine.sharedState().length > 0;
            this.anomaly = anomaly;
        }

        /** Installs the series' stored engine state ({@code state} null: none) unless it is in memory already. */
        void load(String id, byte[] state) {
            if (loaded.get(id) == null) {
                reinstall(id, state);
                loaded.put(id, Boolean.TRUE);
            }
        }

        /** Replaces whatever the engine holds of the series by {@code state} (null: nothing). */
        void reinstall(String id, byte[] state) {
            engine.evict(id);
            if (state != null) {
                engine.loadSeries(id, state);
            }
        }

        /** The series' state in memory is no longer valid (its configuration changed). */
        void forget(String id) {
            loaded.remove(id);
        }

        /** A restored series (checkpoint replay): its state is in the engine already. */
        void restored(String id) {
            loaded.put(id, Boolean.TRUE);
        }

        /** Evicts least recently used series beyond {@code share}; returns how many. */
        int trim(int share) {
            Iterator<String> it = loaded.keySet().iterator();
            int evicted = 0;
            while (loaded.size() > share && it.hasNext()) {
                String id = it.next();
                it.remove();
                engine.evict(id);
                evicted++;
            }
            return evicted;
        }
    }

    private final ServiceConfig config;
    private final EngineProvider engines;
    private final AnomalyConfig anomalyBase;
    private final Map<ModelKey, ServiceConfig.SeriesSettings> settingsByKey = new HashMap<>();
    private final Map<String, ModelKey> keysByName = new HashMap<>();
    private final Map<ModelKey, Slot> slots = new HashMap<>();

    EngineSlots(ServiceConfig config, EngineProvider engines, AnomalyConfig anomalyBase) {
        this.config = config;
        this.engines = engines;
        this.anomalyBase = anomalyBase;
        configure(config.defaults());
        for (ServiceConfig.Rule r : config.rules()) {
            configure(r.apply(config.defaults()));
        }
    }

    private void configure(ServiceConfig.SeriesSettings s) {
        ModelKey key = ModelKey.of(s);
        settingsByKey.put(key, s);
        keysByName.put(key.toString(), key);
    }

    /** The model configuration the series runs under now. */
    ModelKey keyFor(String series) {
        return ModelKey.of(config.settingsFor(series));
    }

    /** The slot of a stored key, if that model configuration is still configured (stored state may be older). */
    Optional<Slot> configured(String storedKey) {
        ModelKey key = keysByName.get(storedKey);
        return key == null ? Optional.empty() : Optional.of(slot(key));
    }

    Slot slot(ModelKey key) {
        return slots.computeIfAbsent(key, k -> {
            ServiceConfig.SeriesSettings s = settingsByKey.get(k);
            AnomalyConfig a = Double.isNaN(s.threshold()) ? anomalyBase : anomalyBase.withThreshold(s.threshold());
            return new Slot(k, s, engines.create(s, config), a);
        });
    }

    Collection<Slot> all() {
        return slots.values();
    }

    /** Series held in memory by all engines. */
    int live() {
        int live = 0;
        for (Slot slot : slots.values()) {
            live += slot.loaded.size();
        }
        return live;
    }

    void clear() {
        slots.clear();
    }
}
