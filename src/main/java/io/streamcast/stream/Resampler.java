package io.streamcast.stream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-series event-time resampling into tumbling windows {@code [start, start + step)}, knowing
 * nothing of Kafka. A window closes, and its aggregate is emitted, once the series' watermark (the
 * largest event time seen) reaches {@code start + step + grace}; an event whose window has closed is
 * late. With step zero every event is its own step: events are emitted in event-time order once the
 * watermark passes them by the grace, and events at one instant within the grace are aggregated.
 *
 * <p>Windows close on the series' own event time, so a series that stops holds its last window
 * until its next event (no wall clock, so a replay gives the same steps).
 */
final class Resampler {
    private final ServiceConfig.Aggregation aggregation;
    private final ServiceConfig.GapPolicy gapPolicy;
    private final long grace;
    private final int maxFill;

    Resampler(ServiceConfig.Resample config) {
        this.aggregation = config.aggregation();
        this.gapPolicy = config.gap();
        this.grace = config.grace().toMillis();
        this.maxFill = config.maxFill();
    }

    /** Adds the event to its window and returns the steps that closed, in order; null if the event is late. */
    List<Resampled> accept(ResampleState state, ParsedEvent event, long step) {
        Objects.requireNonNull(event, "event");
        long ts = event.timestamp();
        long start = step > 0 ? Math.floorDiv(ts, step) * step : ts;
        long close = closeTime(start, step);
        // the step this event belongs to was emitted: a duplicate or straggler (with step 0 too, where an
        // event at the very instant of the last step would otherwise become a second step at that instant)
        if (state.lastEmittedStart != ResampleState.NONE && start <= state.lastEmittedStart) {
            return null;
        }
        if (state.watermark != ResampleState.NONE && (step > 0 ? close <= state.watermark : close < state.watermark)) {
            return null;
        }
        state.open.computeIfAbsent(start, s -> new ResampleState.Window()).add(ts, event.value());
        state.watermark = Math.max(state.watermark, ts);
        return closeWindows(state, event, step);
    }

    private List<Resampled> closeWindows(ResampleState state, ParsedEvent event, long step) {
        List<Resampled> out = new ArrayList<>(1);
        Iterator<Map.Entry<Long, ResampleState.Window>> it = state.open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, ResampleState.Window> e = it.next();
            long start = e.getKey();
            if (closeTime(start, step) > state.watermark) {
                break;
            }
            double value = e.getValue().value(aggregation);
            it.remove();
            boolean reset = false;
            if (step > 0 && state.lastEmittedStart != ResampleState.NONE) {
                long missing = (start - state.lastEmittedStart) / step - 1;
                if (missing > 0) {
                    if (gapPolicy == ServiceConfig.GapPolicy.RESET
                            || (gapPolicy == ServiceConfig.GapPolicy.FILL && missing > maxFill)) {
                        reset = true;
                    } else if (gapPolicy == ServiceConfig.GapPolicy.FILL) {
                        fill(out, state, event, step, missing, start, value);
                    }
                }
            }
            out.add(new Resampled(event.series(), start, value, false, reset, event.source()));
            state.lastEmittedStart = start;
            state.lastEmittedValue = value;
        }
        return out;
    }

    /** Linear interpolation between the last emitted window and the one closing now. */
    private static void fill(List<Resampled> out, ResampleState state, ParsedEvent event, long step, long missing,
            long start, double value) {
        double from = state.lastEmittedValue;
        for (long k = 1; k <= missing; k++) {
            double v = from + (value - from) * k / (missing + 1);
            out.add(new Resampled(event.series(), state.lastEmittedStart + k * step, v, true, false, event.source()));
        }
    }

    private long closeTime(long start, long step) {
        long end = start + step;
        long close = end + grace;
        return ((end ^ start) < 0 && (end ^ step) < 0) || ((close ^ end) < 0 && (close ^ grace) < 0)
                ? Long.MAX_VALUE : close;
    }
}
