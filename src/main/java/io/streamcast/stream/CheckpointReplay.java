package io.streamcast.stream;

import io.streamcast.series.Observation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay log of a task's shared engines (neural networks) in {@link EngineCheckpoints}: what is
 * logged as series are stepped, the checkpoint every N batches, and the rebuild of the engines from
 * checkpoint and log when a task starts. Local engines (AR) share nothing and log nothing.
 */
final class CheckpointReplay {
    private final EngineCheckpoints checkpoints;
    private final EngineSlots slots;
    private final int every;

    CheckpointReplay(EngineCheckpoints checkpoints, EngineSlots slots, int everyBatches) {
        this.checkpoints = checkpoints;
        this.slots = slots;
        this.every = everyBatches;
    }

    /** A series is about to be stepped: its state before its first batch since the checkpoint is kept. */
    void before(EngineSlots.Slot slot, String id, byte[] engineState) {
        if (slot.shared && slot.logged.add(id)) {
            checkpoints.before(slot.key.toString(), id, engineState);
        }
    }

    /** One engine call: the series evicted before it (gap resets) and the batch it stepped. */
    void log(EngineSlots.Slot slot, List<String> evicted, List<Observation> batch) {
        if (slot.shared) {
            checkpoints.log(slot.key.toString(), evicted, batch);
        }
    }

    /** Checkpoints the shared engines once N batches are logged since the last checkpoint. */
    void maybeCheckpoint() {
        if (checkpoints.batchesSinceCheckpoint() < every) {
            return;
        }
        Map<String, byte[]> shared = new HashMap<>();
        for (EngineSlots.Slot slot : slots.all()) {
            if (slot.shared) {
                shared.put(slot.key.toString(), slot.engine.sharedState());
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
    void replay() {
        checkpoints.restore(new EngineCheckpoints.Restorer() {
            @Override
            public void loadShared(String key, byte[] state) {
                slots.configured(key).ifPresent(slot -> slot.engine.loadShared(state));
            }

            @Override
            public void loadSeries(String key, String id, byte[] state) {
                slots.configured(key).ifPresent(slot -> {
                    if (state != null) {
                        slot.engine.loadSeries(id, state);
                    }
                    slot.restored(id);
                    slot.logged.add(id);
                });
            }

            @Override
            public void replay(CheckpointLog call) {
                slots.configured(call.modelKey()).ifPresent(slot -> {
                    call.evicted().forEach(slot.engine::evict);
                    if (!call.batch().isEmpty()) {
                        slot.engine.step(call.batch());
                    }
                });
            }
        });
    }
}
