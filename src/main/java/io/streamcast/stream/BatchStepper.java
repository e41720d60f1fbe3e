package io.streamcast.stream;

import io.streamcast.model.Step;
import io.streamcast.series.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Steps a batch of a task's steps through their engines: grouped by engine, series order kept, split
 * where a gap resets a series. Each series' {@link SeriesState} is loaded once per batch (its engine
 * state installed in the engine unless held there already) and written back to
 * {@link StreamcastTopology#SERIES_STORE} after it. A failing engine call does not take the batch
 * down: its series are put back as they were and stepped one at a time.
 */
final class BatchStepper {
    private final ServiceConfig config;
    private final EngineSlots slots;
    private final KeyValueStore<String, byte[]> series;
    private final CheckpointReplay replay;
    private final StepPublisher publisher;
    private final StreamcastMetrics metrics;
    private final SeriesCacheShares shares;
    private final Object task;

    BatchStepper(ServiceConfig config, EngineSlots slots, KeyValueStore<String, byte[]> series, CheckpointReplay replay,
            StepPublisher publisher, StreamcastMetrics metrics, SeriesCacheShares shares, Object task) {
        this.config = config;
        this.slots = slots;
        this.series = series;
        this.replay = replay;
        this.publisher = publisher;
        this.metrics = metrics;
        this.shares = shares;
        this.task = task;
    }

    void step(List<Resampled> batch) {
        Map<String, SeriesState> states = new LinkedHashMap<>();
        Map<ModelKey, List<Resampled>> byKey = new LinkedHashMap<>();
        for (Resampled r : batch) {
            byKey.computeIfAbsent(slots.keyFor(r.series()), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<ModelKey, List<Resampled>> group : byKey.entrySet()) {
            EngineSlots.Slot slot = slots.slot(group.getKey());
            List<Resampled> run = new ArrayList<>();
            List<String> evicted = new ArrayList<>();
            for (Resampled r : group.getValue()) {
                if (r.reset() && !run.isEmpty()) {
                    call(slot, run, evicted, states);
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
            call(slot, run, evicted, states);
        }
        for (Map.Entry<String, SeriesState> e : states.entrySet()) {
            series.put(e.getKey(), e.getValue().toBytes());
        }
        trim();
        replay.maybeCheckpoint();
    }

    /**
     * Keeps each engine within this task's share of {@code streamcast.series.cache} (the budget of the
     * process, split evenly among its tasks): the least recently used go (their state is in the series
     * store, and comes back on their next step), so memory grows neither with the number of series a
     * task has ever seen nor with the number of tasks the instance owns.
     */
    private void trim() {
        int share = shares.share(config.seriesCache());
        int evicted = 0;
        for (EngineSlots.Slot slot : slots.all()) {
            evicted += slot.trim(share);
        }
        if (evicted > 0) {
            metrics.evicted(evicted);
        }
        metrics.seriesCounts(task, slots.live(), series.approximateNumEntries());
    }

    /**
     * One engine call for a run of steps. If the engine throws, the run's series are put back as they
     * were before the call and stepped one at a time, so a step the model cannot take goes to the
     * dead-letter topic alone and the others go on. (A shared engine's weights cannot be put back:
     * whatever the failed call changed stays.)
     */
    private void call(EngineSlots.Slot slot, List<Resampled> run, List<String> evicted, Map<String, SeriesState> states) {
        if (run.isEmpty()) {
            return;
        }
        List<Observation> observations = new ArrayList<>(run.size());
        for (Resampled r : run) {
            observations.add(new Observation(r.series(), r.timestamp(), r.value()));
        }
        List<Step> steps;
        try {
            steps = engineStep(slot, observations);
        } catch (RuntimeException e) {
            for (Resampled r : run) {
                slot.reinstall(r.series(), states.get(r.series()).engine());
            }
            replay.log(slot, evicted, List.of());
            for (int i = 0; i < run.size(); i++) {
                one(slot, run.get(i), observations.get(i), states.get(run.get(i).series()));
            }
            return;
        }
        replay.log(slot, evicted, observations);
        for (int i = 0; i < run.size(); i++) {
            Resampled r = run.get(i);
            publisher.publish(slot.engine.name(), slot.anomaly, slot.settings.step().toMillis(), r, steps.get(i),
                    states.get(r.series()));
        }
        for (Resampled r : run) {
            states.get(r.series()).learned(slot.engine.seriesState(r.series()));
        }
    }

    /** One step alone, after its batch failed: published, or dead-lettered with its series put back. */
    private void one(EngineSlots.Slot slot, Resampled r, Observation o, SeriesState s) {
        try {
            List<Step> one = engineStep(slot, List.of(o));
            replay.log(slot, List.of(), List.of(o));
            publisher.publish(slot.engine.name(), slot.anomaly, slot.settings.step().toMillis(), r, one.get(0), s);
            s.learned(slot.engine.seriesState(r.series()));
        } catch (RuntimeException failure) {
            slot.reinstall(r.series(), s.engine());
            publisher.deadLetter(slot.engine.name(), r, failure);
        }
    }

    private List<Step> engineStep(EngineSlots.Slot slot, List<Observation> observations) {
        long start = System.nanoTime();
        List<Step> steps = slot.engine.step(observations);
        metrics.modelStep(slot.engine.name(), observations.size(), System.nanoTime() - start);
        if (steps.size() != observations.size()) {
            throw new IllegalStateException("engine " + slot.engine.name() + " returned " + steps.size()
                    + " steps for a batch of " + observations.size());
        }
        return steps;
    }

    /** The series' state, loaded once per batch, with its model state installed in the engine. */
    private SeriesState state(EngineSlots.Slot slot, String id, Map<String, SeriesState> states) {
        SeriesState s = states.get(id);
        if (s != null) {
            return s;
        }
        byte[] stored = series.get(id);
        s = stored == null ? new SeriesState(slot.key) : SeriesState.fromBytes(stored);
        if (!s.runsUnder(slot.key)) {
            // The series' rule changed (configuration changed between runs): its old model state does not apply.
            s.moveTo(slot.key);
            slot.forget(id);
        }
        slot.load(id, s.engine());
        replay.before(slot, id, s.engine());
        states.put(id, s);
        return s;
    }
}
