package io.streamcast.stream;

import io.streamcast.model.Forecast;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;

/**
 * Everything the service keeps for one series, stored in {@link StreamcastTopology#SERIES_STORE}
 * after every batch that touched it: which model configuration it runs under, how many steps it has
 * taken, its event-time spacing (for forecast timestamps when every event is one step), the
 * engine's per-series state, the anomaly detector's state, the forecasts not yet settled and the last
 * one published.
 *
 * <p>Its fields are package-private for {@link SeriesStateCodec} and its tests only: everything else
 * changes a series' state through the methods below, which keep its invariants (step index and spacing
 * advance together, a forecast is remembered only after the settled ones are dropped, a new model
 * forgets the old state).
 */
final class SeriesState {
    /**
     * Forecast steps kept for settlement: the state holds up to this many forecasts of this many
     * steps (≈ 1.7 KB at most), written with every batch, so errors of later steps are not settled.
     * They are written as floats: they only feed the error and coverage meters, where float
     * precision (7 digits) is plenty, and at H = 10 they were 2.5 KB of a 6.8 KB record written to
     * RocksDB and its changelog on every event (bench, issue 7).
     */
    static final int MAX_SETTLED_STEPS = 12;

    String modelKey;
    /** Steps learned so far; the step being learned gets index {@code steps + 1}. */
    long steps;
    long lastTs = Long.MIN_VALUE;
    /** Exponentially weighted spacing of event times, ms; used when the series has no fixed step. */
    double spacing = Double.NaN;
    byte[] engine;
    byte[] detector;
    /** The last value settled against, and the sum and count of the absolute one-step changes so far. */
    double lastValue = Double.NaN;
    double changeSum;
    long changes;
    /** Forecasts made at step {@code origin} for steps {@code origin + 1 .. origin + H}, oldest first. */
    final ArrayDeque<Pending> unsettled = new ArrayDeque<>();
    /** The last forecast published, exactly (doubles), with the origin and spacing its JSON was written with. */
    Published published;

    record Published(Forecast forecast, long origin, long stepMs) {}

    record Pending(long origin, double[] mean, double[] lo, double[] hi) {}

    /** Receives each earlier forecast point a value settles: its horizon, forecast mean and coverage. */
    interface Settled {
        void point(int h, double actual, double mean, boolean covered, double maseScale);
    }

    SeriesState(ModelKey modelKey) {
        this(modelKey.toString());
    }

    SeriesState(String modelKey) {
        this.modelKey = modelKey;
    }

    /** Whether the stored state was made under {@code key} (its model state applies). */
    boolean runsUnder(ModelKey key) {
        return modelKey.equals(key.toString());
    }

    /** The series now runs under another model configuration: its old model state does not apply. */
    void moveTo(ModelKey key) {
        modelKey = key.toString();
        resetModel();
    }

    /** The engine's state of this series as last stepped, null before its first step. */
    byte[] engine() {
        return engine;
    }

    /** Records the engine's state after a step. */
    void learned(byte[] engineState) {
        this.engine = engineState;
    }

    /** The anomaly detector's state, null before its first score. */
    byte[] detector() {
        return detector;
    }

    void scored(byte[] detectorState) {
        this.detector = detectorState;
    }

    /** Counts a step at event time {@code timestamp} into the spacing; returns the step's index. */
    long step(long timestamp) {
        long index = ++steps;
        if (lastTs != Long.MIN_VALUE) {
            double gap = timestamp - lastTs;
            spacing = Double.isNaN(spacing) ? gap : 0.9 * spacing + 0.1 * gap;
        }
        lastTs = timestamp;
        return index;
    }

    /** The spacing of forecast points: {@code stepMs}, or when that is 0 the series' event spacing (0 before two). */
    long spacing(long stepMs) {
        return stepMs == 0 && Double.isFinite(spacing) ? Math.round(spacing) : stepMs;
    }

    /**
     * Settles every earlier forecast step made for step {@code index} against {@code value}, then counts
     * the value into the MASE scale.
     */
    void settle(long index, double value, Settled settled) {
        for (Pending p : unsettled) {
            int h = (int) (index - p.origin());
            if (h >= 1 && h <= p.mean().length && Double.isFinite(p.mean()[h - 1])) {
                settled.point(h, value, p.mean()[h - 1], io.streamcast.model.PointErrors.covered(value,
                        p.lo()[h - 1], p.hi()[h - 1]), maseScale());
            }
        }
        observeForScale(value);
    }

    /** Keeps the first {@link #MAX_SETTLED_STEPS} steps of the forecast made at step {@code index} for settling. */
    void remember(long index, Forecast f) {
        dropSettledUpTo(index);
        int kept = Math.min(f.horizon(), MAX_SETTLED_STEPS);
        unsettled.add(new Pending(index, Arrays.copyOf(f.mean(), kept), Arrays.copyOf(f.lo(), kept),
                Arrays.copyOf(f.hi(), kept)));
    }

    /** Records the forecast just published for the series, to answer for it after a restart. */
    void published(Forecast f, long origin, long stepMs) {
        published = new Published(f, origin, stepMs);
    }

    /** The JSON of the last forecast published for {@code series}, byte for byte as published; empty before one. */
    Optional<byte[]> publishedJson(String series) {
        return published == null ? Optional.empty()
                : Optional.of(OutputJson.forecast(series, published.forecast(), published.origin(), published.stepMs()));
    }

    /** The series' mean absolute one-step change so far (MASE's scale); 0 before two values. */
    double maseScale() {
        return changes == 0 ? 0 : changeSum / changes;
    }

    /** Counts a value into the MASE scale. */
    void observeForScale(double value) {
        if (Double.isFinite(lastValue)) {
            changeSum += Math.abs(value - lastValue);
            changes++;
        }
        lastValue = value;
    }

    /** Forgets the model's and the detector's state, keeping the series' step count and spacing. */
    void resetModel() {
        engine = null;
        detector = null;
        unsettled.clear();
    }

    /** Drops forecasts whose every step is at or before {@code step}. */
    void dropSettledUpTo(long step) {
        Iterator<Pending> it = unsettled.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.origin() + p.mean().length <= step) {
                it.remove();
            }
        }
    }

    /** Bytes of the stored forecasts waiting to be settled. */
    int pendingBytes() {
        int bytes = 0;
        for (Pending p : unsettled) {
            bytes += 8 + 4 + 12 * p.mean().length;
        }
        return bytes;
    }

    /** The stored form ({@link SeriesStateCodec}). */
    byte[] toBytes() {
        return SeriesStateCodec.encode(this);
    }

    /** A stored series state of any version the service reads. */
    static SeriesState fromBytes(byte[] bytes) {
        return SeriesStateCodec.decode(bytes);
    }
}
