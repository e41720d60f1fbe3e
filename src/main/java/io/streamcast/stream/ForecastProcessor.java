package io.streamcast.stream;

import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.model.Engine;
import io.streamcast.model.EngineConfig;
import io.streamcast.model.Step;
import io.streamcast.series.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-series models, anomaly scores, settlement and outputs for the steps of one stream task.
 *
 * <p>Steps wait in the changelogged {@link StreamcastTopology#BUFFER_STORE} until a batch is full
 * or the flush interval passes (wall clock), so one engine call serves many series and a commit
 * while steps wait loses nothing: a restarted task finds them and finishes them. After each batch
 * every touched series' {@link SeriesState} is written to {@link StreamcastTopology#SERIES_STORE}.
 *
 * <p>Engines with shared state (neural networks) are checkpointed to
 * {@link StreamcastTopology#CHECKPOINT_STORE} every N batches; between checkpoints each batch and the
 * state each series had before its first batch are logged there, so a task restored on any
 * instance replays them from the checkpoint and continues exactly. Local engines (AR) share
 * nothing and log nothing.
 */
final class ForecastProcessor implements Processor<String, Resampled, String, Emit> {

    private final ServiceConfig config;
    private final EngineProvider engines;
    private final StreamcastMetrics metrics;
    private final SeriesCacheShares shares;
    private final AnomalyConfig anomalyBase;
    private final Map<String, ServiceConfig.SeriesSettings> settingsByKey = new HashMap<>();
    private final Map<String, Slot> slots = new HashMap<>();
    private final List<Long> bufferedKeys = new ArrayList<>();
    private final List<Resampled> buffered = new ArrayList<>();

    private ProcessorContext<String, Emit> context;
    private KeyValueStore<Long, byte[]> buffer;
    private KeyValueStore<String, byte[]> series;
    private EngineCheckpoints checkpoints;
    private StepPublisher publisher;
    private long nextBufferKey;

    /** One engine of this task and the series it holds in memory. */
    private static final class Slot {
        final String key;
        final ServiceConfig.SeriesSettings settings;
        final Engine engine;
        final boolean shared;
        /** Series whose state is in the engine, least recently used first. */
        final LinkedHashMap<String, Boolean> loaded = new LinkedHashMap<>(16, 0.75f, true);
        final Set<String> logged = new HashSet<>();
        final AnomalyConfig anomaly;

        Slot(String key, ServiceConfig.SeriesSettings settings, Engine engine, AnomalyConfig anomaly) {
            this.key = key;
            this.settings = settings;
            this.engine = engine;
            this.shared = engine.sharedState().length > 0;
            this.anomaly = anomaly;
        }
    }

    /** A processor alone: the whole {@code streamcast.series.cache} is its own. */
    ForecastProcessor(ServiceConfig config, EngineProvider engines, StreamcastMetrics metrics) {
        this(config, engines, metrics, new SeriesCacheShares());
    }

    /** One of the tasks of a topology, sharing {@code streamcast.series.cache} with the others through {@code shares}. */
    ForecastProcessor(ServiceConfig config, EngineProvider engines, StreamcastMetrics metrics, SeriesCacheShares shares) {
        this.config = Objects.requireNonNull(config, "config");
        this.engines = Objects.requireNonNull(engines, "engines");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.shares = Objects.requireNonNull(shares, "shares");
        this.anomalyBase = anomalyConfig(config);
        metrics.coverageTarget(coverageTarget(config));
        metrics.models(config.modelNames());
        metrics.inputTopics(config.topics().input());
        settingsByKey.put(modelKey(config.defaults()), config.defaults());
        for (ServiceConfig.Rule r : config.rules()) {
            ServiceConfig.SeriesSettings s = r.apply(config.defaults());
            settingsByKey.put(modelKey(s), s);
        }
    }

    private static double coverageTarget(ServiceConfig config) {
        Properties p = new Properties();
        config.modelSettings().forEach(p::setProperty);
        return EngineConfig.fromProperties(p).coverage();
    }

    /**
     * The detector's settings: the {@code streamcast.anomaly.*} keys, and the models' fixed season (the
     * shortest of {@code streamcast.model.season}; none when they are detected or none) as the detector's
     * unless {@code streamcast.anomaly.season} is given.
     */
    static AnomalyConfig anomalyConfig(ServiceConfig config) {
        Properties p = new Properties();
        Map<String, String> settings = config.modelSettings();
        settings.forEach((k, v) -> {
            if (k.startsWith(AnomalyConfig.PREFIX)) {
                p.setProperty(k, v);
            }
        });
        String season = settings.get(EngineConfig.SEASON);
        if (season != null && !p.containsKey(AnomalyConfig.PREFIX + "season")) {
            int fixed = io.streamcast.model.Seasons.parse(EngineConfig.SEASON, season).shortest();
            p.setProperty(AnomalyConfig.PREFIX + "season", Integer.toString(fixed));
        }
        return AnomalyConfig.fromProperties(p);
    }

    static String modelKey(ServiceConfig.SeriesSettings s) {
        // a rule's season is part of the key only when set, so that the keys of stored state stay as they were
        return s.model() + "|lags=" + s.lags() + "|h=" + s.horizon() + "|step=" + s.step().toMillis()
                + s.seasons().map(x -> "|season=" + x).orElse("");
    }

    @Override
    public void init(ProcessorContext<String, Emit> context) {
        // A revived task (after a failed transaction) may init this instance again: forget everything
        // held in memory, the stores are the truth.
        slots.clear();
        bufferedKeys.clear();
        buffered.clear();
        nextBufferKey = 0;
        this.context = context;
        shares.join(this);
        this.buffer = context.getStateStore(StreamcastTopology.BUFFER_STORE);
        this.series = context.getStateStore(StreamcastTopology.SERIES_STORE);
        this.checkpoints = new EngineCheckpoints(context.getStateStore(StreamcastTopology.CHECKPOINT_STORE));
        this.publisher = new StepPublisher(context, context.getStateStore(StreamcastTopology.LATEST_FORECAST_STORE),
                metrics, config.topics().scores().isPresent());
        try (KeyValueIterator<Long, byte[]> it = buffer.all()) {
            while (it.hasNext()) {
                KeyValue<Long, byte[]> kv = it.next();
                bufferedKeys.add(kv.key);
                buffered.add(ResampledCodec.decode(kv.value));
                nextBufferKey = Math.max(nextBufferKey, kv.key + 1);
            }
        }
        replayCheckpointLog();
        if (config.batchSize() > 1 && !config.batchInterval().isZero()) {
            context.schedule(config.batchInterval(), PunctuationType.WALL_CLOCK_TIME, now -> flushBuffered());
        }
    }

    @Override
    public void process(Record<String, Resampled> record) {
        if (config.batchSize() == 1 && buffered.isEmpty()) {
            flush(List.of(record.value()));
            return;
        }
        long key = nextBufferKey++;
        buffer.put(key, ResampledCodec.encode(record.value()));
        bufferedKeys.add(key);
        buffered.add(record.value());
        if (buffered.size() >= config.batchSize()) {
            flushBuffered();
        }
    }

    @Override
    public void close() {
        // Buffered steps stay in the changelogged store; the next owner of the task finishes them.
        slots.clear();
        shares.leave(this);
        metrics.taskClosed(this);
    }

    private void flushBuffered() {
        if (buffered.isEmpty()) {
            return;
        }
        flush(List.copyOf(buffered));
        for (Long k : bufferedKeys) {
            buffer.delete(k);
        }
        bufferedKeys.clear();
        buffered.clear();
    }

    /** Steps a batch: grouped by engine, series order kept, split where a gap resets a series. */
    private void flush(List<Resampled> batch) {
        Map<String, SeriesState> states = new LinkedHashMap<>();
        Map<String, List<Resampled>> byKey = new LinkedHashMap<>();
        for (Resampled r : batch) {
            ServiceConfig.SeriesSettings s = config.settingsFor(r.series());
            byKey.computeIfAbsent(modelKey(s), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<Resampled>> group : byKey.entrySet()) {
            Slot slot = slot(group.getKey());
            List<Resampled> run = new ArrayList<>();
            List<String> evicted = new ArrayList<>();
            for (Resampled r : group.getValue()) {
                if (r.reset() && !run.isEmpty()) {
                    step(slot, run, evicted, states);
                    run.clear();
                    evicted.clear();
                }
                SeriesState s = state(slot, r.series(), states);
                if (r.reset()) {
                    s.resetModel();
                    slot.engine.evict(r.series());
                    evicted.add(r.series());
                }
                run.add(r);
            }
            step(slot, run, evicted, states);
        }
        for (Map.Entry<String, SeriesState> e : states.entrySet()) {
            series.put(e.getKey(), e.getValue().toBytes());
        }
        int live = 0;
        for (Slot slot : slots.values()) {
            trim(slot);
            live += slot.loaded.size();
        }
        metrics.seriesCounts(this, live, series.approximateNumEntries());
        if (checkpoints.batchesSinceCheckpoint() >= config.checkpointBatches()) {
            checkpoint();
        }
    }

    /**
     * One engine call for a run of steps. If the engine throws, the run's series are put back as they
     * were before the call and stepped one at a time, so a step the model cannot take goes to the
     * dead-letter topic alone and the others go on. (A shared engine's weights cannot be put back:
     * whatever the failed call changed stays.)
     */
    private void step(Slot slot, List<Resampled> run, List<String> evicted, Map<String, SeriesState> states) {
        if (run.isEmpty()) {
            return;
        }
        List<Observation> observations = new ArrayList<>(run.size());
        for (Resampled r : run) {
            observations.add(new Observation(r.series(), r.timestamp(), r.value()));
        }
        List<Step> steps;
        try {
            steps = call(slot, observations);
        } catch (RuntimeException e) {
            for (Resampled r : run) {
                putBack(slot, r.series(), states.get(r.series()));
            }
            log(slot, evicted, List.of());
            for (int i = 0; i < run.size(); i++) {
                Resampled r = run.get(i);
                try {
                    List<Step> one = call(slot, List.of(observations.get(i)));
                    log(slot, List.of(), List.of(observations.get(i)));
                    publisher.publish(slot.engine.name(), slot.anomaly, slot.settings.step().toMillis(), r,
                            one.get(0), states.get(r.series()));
                    states.get(r.series()).engine = slot.engine.seriesState(r.series());
                } catch (RuntimeException failure) {
                    putBack(slot, r.series(), states.get(r.series()));
                    publisher.deadLetter(slot.engine.name(), r, failure);
                }
            }
            return;
        }
        log(slot, evicted, observations);
        for (int i = 0; i < run.size(); i++) {
            Resampled r = run.get(i);
            publisher.publish(slot.engine.name(), slot.anomaly, slot.settings.step().toMillis(), r, steps.get(i),
                    states.get(r.series()));
        }
        for (Resampled r : run) {
            states.get(r.series()).engine = slot.engine.seriesState(r.series());
        }
    }

    private List<Step> call(Slot slot, List<Observation> observations) {
        long start = System.nanoTime();
        List<Step> steps = slot.engine.step(observations);
        metrics.modelStep(slot.engine.name(), observations.size(), System.nanoTime() - start);
        if (steps.size() != observations.size()) {
            throw new IllegalStateException("engine " + slot.engine.name() + " returned " + steps.size()
                    + " steps for a batch of " + observations.size());
        }
        return steps;
    }

    /** Reinstalls the series' engine state as it was stored before the failed call. */
    private static void putBack(Slot slot, String id, SeriesState s) {
        slot.engine.evict(id);
        if (s.engine != null) {
            slot.engine.loadSeries(id, s.engine);
        }
    }

    /**
     * Keeps each engine within this task's share of {@code streamcast.series.cache} (the budget of the
     * process, split evenly among its tasks): the least recently used go (their state is in the series
     * store, and comes back on their next step), so memory grows neither with the number of series a
     * task has ever seen nor with the number of tasks the instance owns.
     */
    private void trim(Slot slot) {
        var it = slot.loaded.keySet().iterator();
        int evicted = 0;
        int share = shares.share(config.seriesCache());
        while (slot.loaded.size() > share && it.hasNext()) {
            String id = it.next();
            it.remove();
            slot.engine.evict(id);
            evicted++;
        }
        if (evicted > 0) {
            metrics.evicted(evicted);
        }
    }

    private void log(Slot slot, List<String> evicted, List<Observation> batch) {
        if (slot.shared) {
            checkpoints.log(slot.key, evicted, batch);
        }
    }

    /** The series' state, loaded once per batch, with its model state installed in the engine. */
    private SeriesState state(Slot slot, String id, Map<String, SeriesState> states) {
        SeriesState s = states.get(id);
        if (s != null) {
            return s;
        }
        byte[] stored = series.get(id);
        s = stored == null ? new SeriesState(slot.key) : SeriesState.fromBytes(stored);
        if (!s.modelKey.equals(slot.key)) {
            // The series' rule changed (configuration changed between runs): its old model state does not apply.
            s.modelKey = slot.key;
            s.resetModel();
            slot.loaded.remove(id);
        }
        if (slot.loaded.get(id) == null) {
            slot.engine.evict(id);
            if (s.engine != null) {
                slot.engine.loadSeries(id, s.engine);
            }
            slot.loaded.put(id, Boolean.TRUE);
        }
        if (slot.shared && slot.logged.add(id)) {
            checkpoints.before(slot.key, id, s.engine);
        }
        states.put(id, s);
        return s;
    }

    private Slot slot(String key) {
        return slots.computeIfAbsent(key, k -> {
            ServiceConfig.SeriesSettings s = settingsByKey.get(k);
            AnomalyConfig a = Double.isNaN(s.threshold()) ? anomalyBase : anomalyBase.withThreshold(s.threshold());
            return new Slot(k, s, engines.create(s, config), a);
        });
    }

    private void checkpoint() {
        Map<String, byte[]> shared = new HashMap<>();
        for (Slot slot : slots.values()) {
            if (slot.shared) {
                shared.put(slot.key, slot.engine.sharedState());
                slot.logged.clear();
            }
        }
        checkpoints.checkpoint(shared);
    }

    /**
     * Rebuilds shared engines as the previous owner of the task left them: the last checkpoint, the
     * state each logged series had before its first batch since, then every logged call again.
     * Outputs of the replay were published before and are not published again. Entries of model
     * configurations no longer configured are skipped.
     */
    private void replayCheckpointLog() {
        checkpoints.restore(new EngineCheckpoints.Restorer() {
            @Override
            public void loadShared(String key, byte[] state) {
                if (settingsByKey.containsKey(key)) {
                    slot(key).engine.loadShared(state);
                }
            }

            @Override
            public void loadSeries(String key, String id, byte[] state) {
                if (settingsByKey.containsKey(key)) {
                    Slot slot = slot(key);
                    if (state != null) {
                        slot.engine.loadSeries(id, state);
                    }
                    slot.loaded.put(id, Boolean.TRUE);
                    slot.logged.add(id);
                }
            }

            @Override
            public void replay(CheckpointLog call) {
                if (settingsByKey.containsKey(call.modelKey())) {
                    Slot slot = slot(call.modelKey());
                    call.evicted().forEach(slot.engine::evict);
                    if (!call.batch().isEmpty()) {
                        slot.engine.step(call.batch());
                    }
                }
            }
        });
    }
}
