package io.streamcast.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.anomaly.AnomalyDetector;
import io.streamcast.anomaly.Verdict;
import io.streamcast.model.Engine;
import io.streamcast.model.Forecast;
import io.streamcast.model.Step;
import io.streamcast.series.Observation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
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
final class ForecastProcessor implements Processor<String, Resampled, String, Object> {
    private static final String SHARED = "shared/";
    private static final String BEFORE = "before/";
    private static final String LOG = "log/";
    private static final StringSerializer KEYS = new StringSerializer();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceConfig config;
    private final EngineProvider engines;
    private final StreamcastMetrics metrics;
    private final AnomalyConfig anomalyBase;
    private final Map<String, ServiceConfig.SeriesSettings> settingsByKey = new HashMap<>();
    private final Map<String, Slot> slots = new HashMap<>();
    private final List<Long> bufferedKeys = new ArrayList<>();
    private final List<Resampled> buffered = new ArrayList<>();

    private ProcessorContext<String, Object> context;
    private KeyValueStore<Long, byte[]> buffer;
    private KeyValueStore<String, byte[]> series;
    private KeyValueStore<String, byte[]> checkpoints;
    private KeyValueStore<String, String> latest;
    private long nextBufferKey;
    private long nextLogKey;
    private int batchesSinceCheckpoint;

    /** One engine of this task and the series it holds in memory. */
    private static final class Slot {
        final String key;
        final ServiceConfig.SeriesSettings settings;
        final Engine engine;
        final boolean shared;
        final Set<String> loaded = new HashSet<>();
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

    ForecastProcessor(ServiceConfig config, EngineProvider engines, StreamcastMetrics metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.engines = Objects.requireNonNull(engines, "engines");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.anomalyBase = anomalyConfig(config);
        settingsByKey.put(modelKey(config.defaults()), config.defaults());
        for (ServiceConfig.Rule r : config.rules()) {
            ServiceConfig.SeriesSettings s = r.apply(config.defaults());
            settingsByKey.put(modelKey(s), s);
        }
    }

    static AnomalyConfig anomalyConfig(ServiceConfig config) {
        Properties p = new Properties();
        config.modelSettings().forEach((k, v) -> {
            if (k.startsWith(AnomalyConfig.PREFIX)) {
                p.setProperty(k, v);
            }
        });
        return AnomalyConfig.fromProperties(p);
    }

    static String modelKey(ServiceConfig.SeriesSettings s) {
        return s.model() + "|lags=" + s.lags() + "|h=" + s.horizon() + "|step=" + s.step().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        // A revived task (after a failed transaction) may init this instance again: forget everything
        // held in memory, the stores are the truth.
        slots.clear();
        bufferedKeys.clear();
        buffered.clear();
        nextBufferKey = 0;
        nextLogKey = 0;
        batchesSinceCheckpoint = 0;
        this.context = context;
        this.buffer = context.getStateStore(StreamcastTopology.BUFFER_STORE);
        this.series = context.getStateStore(StreamcastTopology.SERIES_STORE);
        this.checkpoints = context.getStateStore(StreamcastTopology.CHECKPOINT_STORE);
        this.latest = context.getStateStore(StreamcastTopology.LATEST_FORECAST_STORE);
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
        if (batchesSinceCheckpoint >= config.checkpointBatches()) {
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
                    publish(slot, r, one.get(0), states.get(r.series()));
                    states.get(r.series()).engine = slot.engine.seriesState(r.series());
                } catch (RuntimeException failure) {
                    putBack(slot, r.series(), states.get(r.series()));
                    deadLetter(slot, r, failure);
                }
            }
            return;
        }
        log(slot, evicted, observations);
        for (int i = 0; i < run.size(); i++) {
            Resampled r = run.get(i);
            publish(slot, r, steps.get(i), states.get(r.series()));
        }
        for (Resampled r : run) {
            states.get(r.series()).engine = slot.engine.seriesState(r.series());
        }
    }

    private static List<Step> call(Slot slot, List<Observation> observations) {
        List<Step> steps = slot.engine.step(observations);
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

    private void log(Slot slot, List<String> evicted, List<Observation> batch) {
        if (slot.shared && !(evicted.isEmpty() && batch.isEmpty())) {
            checkpoints.put(LOG + String.format("%019d", nextLogKey++),
                    new CheckpointLog(slot.key, evicted, batch).toBytes());
            batchesSinceCheckpoint++;
        }
    }

    private void deadLetter(Slot slot, Resampled r, RuntimeException failure) {
        metrics.modelFailure(slot.engine.name());
        String reason = "model " + slot.engine.name() + " failed on series " + r.series() + " at "
                + Instant.ofEpochMilli(r.timestamp()) + ": " + failure + " (at " + r.source() + ")";
        String json = "{\"series\":" + quote(r.series()) + ",\"ts\":\"" + Instant.ofEpochMilli(r.timestamp())
                + "\",\"value\":" + (Double.isFinite(r.value()) ? Double.toString(r.value()) : "null") + "}";
        context.forward(new Record<String, Object>(r.series(), new Emit(Emit.Output.DEAD_LETTER,
                r.series().getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)), r.timestamp(),
                DeadLetters.headers(null, DeadLetterKind.PROCESSING_ERROR, reason, r.source())));
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote series id " + s, e);
        }
    }

    /** Settles earlier forecasts, scores the step, publishes score, anomaly and forecast. */
    private void publish(Slot slot, Resampled r, Step step, SeriesState s) {
        long index = ++s.steps;
        if (s.lastTs != Long.MIN_VALUE) {
            double gap = r.timestamp() - s.lastTs;
            s.spacing = Double.isNaN(s.spacing) ? gap : 0.9 * s.spacing + 0.1 * gap;
        }
        s.lastTs = r.timestamp();
        String model = slot.engine.name();
        byte[] key = r.series().getBytes(StandardCharsets.UTF_8);
        if (!r.filled()) {
            double v = r.value();
            for (SeriesState.Pending p : s.unsettled) {
                int h = (int) (index - p.origin());
                if (h >= 1 && h <= p.mean().length && Double.isFinite(p.mean()[h - 1])) {
                    boolean covered = p.lo()[h - 1] <= v && v <= p.hi()[h - 1];
                    metrics.settled(model, h, v - p.mean()[h - 1], covered);
                }
            }
            AnomalyDetector detector = detector(slot, s);
            Verdict verdict = detector.observe(v, step.expected());
            s.detector = detector.snapshot();
            byte[] json = null;
            if (config.topics().scores().isPresent()) {
                json = OutputJson.score(r.series(), r.timestamp(), v, step.expected(), verdict.score(), verdict.flag(),
                        model);
                context.forward(new Record<String, Object>(r.series(), new Emit(Emit.Output.SCORE, key, json),
                        r.timestamp()));
            }
            if (verdict.flag()) {
                if (json == null) {
                    json = OutputJson.score(r.series(), r.timestamp(), v, step.expected(), verdict.score(), true,
                            model);
                }
                metrics.anomaly(model);
                context.forward(new Record<String, Object>(r.series(), new Emit(Emit.Output.ANOMALY, key, json),
                        r.timestamp()));
            }
        }
        s.dropSettledUpTo(index);
        Forecast f = step.forecast();
        int kept = Math.min(f.horizon(), SeriesState.MAX_SETTLED_STEPS);
        s.unsettled.add(new SeriesState.Pending(index, Arrays.copyOf(f.mean(), kept),
                Arrays.copyOf(f.lo(), kept), Arrays.copyOf(f.hi(), kept)));
        if (!r.filled()) {
            long stepMs = slot.settings.step().toMillis();
            if (stepMs == 0 && Double.isFinite(s.spacing)) {
                stepMs = Math.round(s.spacing);
            }
            byte[] json = OutputJson.forecast(r.series(), f, r.timestamp(), stepMs);
            latest.put(r.series(), new String(json, StandardCharsets.UTF_8));
            metrics.forecast(model);
            context.forward(new Record<String, Object>(r.series(), new Emit(Emit.Output.FORECAST, key, json),
                    r.timestamp()));
        }
    }

    private AnomalyDetector detector(Slot slot, SeriesState s) {
        if (s.detector != null) {
            try {
                return AnomalyDetector.restore(slot.anomaly, s.detector);
            } catch (RuntimeException e) {
                // State of another detector configuration (settings changed between runs): start afresh.
            }
        }
        return AnomalyDetector.create(slot.anomaly);
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
        if (!slot.loaded.contains(id)) {
            slot.engine.evict(id);
            if (s.engine != null) {
                slot.engine.loadSeries(id, s.engine);
            }
            slot.loaded.add(id);
        }
        if (slot.shared && slot.logged.add(id)) {
            checkpoints.put(BEFORE + slot.key + "/" + id, s.engine == null ? new byte[0] : s.engine);
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
        for (Slot slot : slots.values()) {
            if (slot.shared) {
                checkpoints.put(SHARED + slot.key, slot.engine.sharedState());
                slot.logged.clear();
            }
        }
        deletePrefix(LOG);
        deletePrefix(BEFORE);
        batchesSinceCheckpoint = 0;
    }

    /**
     * Rebuilds shared engines as the previous owner of the task left them: the last checkpoint, the
     * state each logged series had before its first batch since, then every logged batch again.
     * Outputs of the replay were published before and are not published again.
     */
    private void replayCheckpointLog() {
        try (KeyValueIterator<String, byte[]> it = checkpoints.prefixScan(SHARED, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                String key = kv.key.substring(SHARED.length());
                if (settingsByKey.containsKey(key)) {
                    slot(key).engine.loadShared(kv.value);
                }
            }
        }
        try (KeyValueIterator<String, byte[]> it = checkpoints.prefixScan(BEFORE, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                String rest = kv.key.substring(BEFORE.length());
                int slash = rest.indexOf('/');
                String key = rest.substring(0, slash);
                String id = rest.substring(slash + 1);
                if (settingsByKey.containsKey(key)) {
                    Slot slot = slot(key);
                    if (kv.value.length > 0) {
                        slot.engine.loadSeries(id, kv.value);
                    }
                    slot.loaded.add(id);
                    slot.logged.add(id);
                }
            }
        }
        try (KeyValueIterator<String, byte[]> it = checkpoints.prefixScan(LOG, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                nextLogKey = Math.max(nextLogKey, Long.parseLong(kv.key.substring(LOG.length())) + 1);
                batchesSinceCheckpoint++;
                CheckpointLog entry = CheckpointLog.fromBytes(kv.value);
                if (settingsByKey.containsKey(entry.modelKey())) {
                    Slot slot = slot(entry.modelKey());
                    entry.evicted().forEach(slot.engine::evict);
                    if (!entry.batch().isEmpty()) {
                        slot.engine.step(entry.batch());
                    }
                }
            }
        }
    }

    private void deletePrefix(String prefix) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = checkpoints.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                keys.add(it.next().key);
            }
        }
        keys.forEach(checkpoints::delete);
    }
}
