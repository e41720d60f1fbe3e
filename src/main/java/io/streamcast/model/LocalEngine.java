package io.streamcast.model;

import io.streamcast.series.Observation;
import java.io.DataInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An engine of independent per-series {@link Forecaster}s (AR, baselines): nothing is shared, so the
 * shared state is empty and a series' state is its forecaster's snapshot plus the one-step
 * expectation pending for its next observation. A series seen for the first time gets a fresh
 * forecaster.
 */
final class LocalEngine implements Engine {
    private static final String TAG = "local/1";
    private static final byte[] NO_SHARED_STATE = new byte[0];

    private final String name;
    private final int horizon;
    private final LocalModel model;
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    private static final class Slot {
        final Forecaster forecaster;
        double expected = Double.NaN;

        Slot(Forecaster forecaster) {
            this.forecaster = forecaster;
        }
    }

    LocalEngine(String name, int horizon, LocalModel model) {
        this.name = Objects.requireNonNull(name, "name");
        this.horizon = horizon;
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Step> step(List<Observation> batch) {
        List<Step> out = new ArrayList<>(batch.size());
        for (Observation o : batch) {
            Slot slot = slots.computeIfAbsent(o.series(), s -> new Slot(model.create()));
            double v = o.value();
            if (!Double.isFinite(v)) {
                slot.forecaster.learn(v); // skipped and counted by the forecaster; time does not advance
                out.add(new Step(o, Double.NaN, slot.forecaster.forecast(horizon)));
                continue;
            }
            double expected = slot.expected;
            slot.forecaster.learn(v);
            Forecast f = slot.forecaster.forecast(horizon);
            slot.expected = f.mean(1);
            out.add(new Step(o, expected, f));
        }
        return out;
    }

    @Override
    public byte[] seriesState(String series) {
        Slot slot = slots.get(series);
        if (slot == null) {
            return null;
        }
        byte[] inner = slot.forecaster.snapshot();
        return Snapshots.write(out -> {
            out.writeUTF(TAG);
            out.writeDouble(slot.expected);
            out.writeInt(inner.length);
            out.write(inner);
        });
    }

    @Override
    public void loadSeries(String series, byte[] state) {
        Objects.requireNonNull(series, "series");
        Slot slot = Snapshots.read(state, name + " series '" + series + "'", this::readSlot);
        slots.put(series, slot);
    }

    private Slot readSlot(DataInput in) throws IOException {
        Snapshots.expectTag(in, TAG);
        double expected = in.readDouble();
        int n = in.readInt();
        if (n < 1 || n > 1 << 26) {
            throw new IOException("model state of " + n + " bytes");
        }
        byte[] inner = new byte[n];
        in.readFully(inner);
        Slot slot = new Slot(model.restore(inner));
        slot.expected = expected;
        return slot;
    }

    @Override
    public void evict(String series) {
        slots.remove(series);
    }

    @Override
    public byte[] sharedState() {
        return NO_SHARED_STATE;
    }

    @Override
    public void loadShared(byte[] state) {
        if (state != null && state.length != 0) {
            throw new IllegalArgumentException("engine " + name + " keeps no shared state, but was given "
                    + state.length + " bytes");
        }
    }
}
