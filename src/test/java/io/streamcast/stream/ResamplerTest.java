package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event-time resampling of one series, without Kafka: windows, grace, order, aggregation, gaps. */
class ResamplerTest {
    private static final long MINUTE = 60_000;
    private final ResampleState state = new ResampleState();

    private static Resampler resampler(Duration grace, ServiceConfig.Aggregation agg, ServiceConfig.GapPolicy gap,
            int maxFill) {
        return new Resampler(new ServiceConfig.Resample(Duration.ZERO, grace, agg, gap, maxFill));
    }

    private static Resampler resampler(Duration grace) {
        return resampler(grace, ServiceConfig.Aggregation.MEAN, ServiceConfig.GapPolicy.SKIP, 1000);
    }

    private static ParsedEvent event(long ts, double value) {
        return new ParsedEvent("s", ts, value, true, new Source("in", 0, ts));
    }

    /** Feeds events and collects the emitted steps; a late event adds a step with NaN value at ts −1. */
    private List<Resampled> feed(Resampler r, long step, long[] ts, double[] values) {
        List<Resampled> out = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            List<Resampled> emitted = r.accept(state, event(ts[i], values[i]), step);
            if (emitted == null) {
                out.add(new Resampled("late", ts[i], Double.NaN, false, false, Source.UNKNOWN));
            } else {
                out.addAll(emitted);
            }
        }
        return out;
    }

    private static long[] times(List<Resampled> steps) {
        return steps.stream().mapToLong(Resampled::timestamp).toArray();
    }

    @Test
    void shouldEmitEveryEventAsOneStepWhenThereIsNoStepNorGrace() {
        List<Resampled> out = feed(resampler(Duration.ZERO), 0, new long[] {1000, 1250, 2000},
                new double[] {1, 2, 4});
        assertEquals(List.of(1.0, 2.0, 4.0), out.stream().map(Resampled::value).toList());
    }

    @Test
    void shouldCountASecondEventAtTheInstantOfTheLastStepAsLate() {
        // a re-sent (duplicate) record must not become a second step at the same instant: that would make the
        // model learn it twice and publish two forecasts from one origin
        List<Resampled> out = feed(resampler(Duration.ZERO), 0, new long[] {1000, 1250, 1250, 2000},
                new double[] {1, 2, 2, 4});
        assertEquals(List.of(1.0, 2.0, Double.NaN, 4.0), out.stream().map(Resampled::value).toList());
        assertEquals("late", out.get(2).series());
    }

    @Test
    void shouldDeadLetterAnOutOfOrderEventWhenThereIsNoGrace() {
        List<Resampled> out = feed(resampler(Duration.ZERO), 0, new long[] {1000, 2000, 1500},
                new double[] {1, 2, 3});
        assertEquals("late", out.get(2).series());
        assertEquals(1500, out.get(2).timestamp());
    }

    @Test
    void shouldPutOutOfOrderEventsBackInOrderWithinTheGrace() {
        List<Resampled> out = feed(resampler(Duration.ofSeconds(5)), 0, new long[] {10_000, 12_000, 11_000, 16_000,
            30_000}, new double[] {1, 2, 3, 4, 5});
        assertEquals(List.of(10_000L, 11_000L, 12_000L, 16_000L), java.util.Arrays.stream(times(out)).boxed().toList());
        assertEquals(List.of(1.0, 3.0, 2.0, 4.0), out.stream().map(Resampled::value).toList());
    }

    @Test
    void shouldAggregateAWindowByMeanLastOrSumInEventTimeOrder() {
        long[] ts = {0, 30_000, 20_000, MINUTE};
        double[] v = {1, 3, 2, 10};
        assertEquals(2.0, feed(resampler(Duration.ZERO, ServiceConfig.Aggregation.MEAN,
                ServiceConfig.GapPolicy.SKIP, 0), MINUTE, ts, v).get(0).value());
        state.open.clear();
        state.watermark = ResampleState.NONE;
        state.lastEmittedStart = ResampleState.NONE;
        assertEquals(3.0, feed(resampler(Duration.ZERO, ServiceConfig.Aggregation.LAST,
                ServiceConfig.GapPolicy.SKIP, 0), MINUTE, ts, v).get(0).value());
        state.open.clear();
        state.watermark = ResampleState.NONE;
        state.lastEmittedStart = ResampleState.NONE;
        List<Resampled> sum = feed(resampler(Duration.ZERO, ServiceConfig.Aggregation.SUM,
                ServiceConfig.GapPolicy.SKIP, 0), MINUTE, ts, v);
        assertEquals(1, sum.size());
        assertEquals(6.0, sum.get(0).value());
        assertEquals(0, sum.get(0).timestamp());
    }

    @Test
    void shouldAcceptAnEventWithinGraceAndRejectOneAfterItsWindowClosed() {
        List<Resampled> out = feed(resampler(Duration.ofSeconds(10)), MINUTE,
                new long[] {0, 65_000, 55_000, 70_000, 59_000}, new double[] {1, 5, 3, 7, 100});
        assertEquals(2, out.size());
        assertEquals(0, out.get(0).timestamp());
        assertEquals(2.0, out.get(0).value(), "the event at 55 s, inside the grace, joined the first window");
        assertEquals("late", out.get(1).series());
        assertEquals(59_000, out.get(1).timestamp());
    }

    @Test
    void shouldSkipGapsWhenAskedTo() {
        List<Resampled> out = feed(resampler(Duration.ZERO), MINUTE, new long[] {0, 3 * MINUTE, 4 * MINUTE},
                new double[] {1, 4, 5});
        assertEquals(List.of(0L, 3 * MINUTE), java.util.Arrays.stream(times(out)).boxed().toList());
        assertFalse(out.get(1).reset());
        assertFalse(out.get(1).filled());
    }

    @Test
    void shouldFillGapsByLinearInterpolation() {
        List<Resampled> out = feed(resampler(Duration.ZERO, ServiceConfig.Aggregation.MEAN,
                ServiceConfig.GapPolicy.FILL, 10), MINUTE, new long[] {0, 3 * MINUTE, 4 * MINUTE},
                new double[] {1, 4, 5});
        assertEquals(List.of(0L, MINUTE, 2 * MINUTE, 3 * MINUTE), java.util.Arrays.stream(times(out)).boxed().toList());
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), out.stream().map(Resampled::value).toList());
        assertEquals(List.of(false, true, true, false), out.stream().map(Resampled::filled).toList());
    }

    @Test
    void shouldResetInsteadOfFillingAGapLongerThanTheFillLimit() {
        List<Resampled> out = feed(resampler(Duration.ZERO, ServiceConfig.Aggregation.MEAN,
                ServiceConfig.GapPolicy.FILL, 1), MINUTE, new long[] {0, 3 * MINUTE, 4 * MINUTE},
                new double[] {1, 4, 5});
        assertEquals(2, out.size());
        assertTrue(out.get(1).reset());
    }

    @Test
    void shouldResetTheSeriesAfterAGapWhenAskedTo() {
        List<Resampled> out = feed(resampler(Duration.ZERO, ServiceConfig.Aggregation.MEAN,
                ServiceConfig.GapPolicy.RESET, 1000), MINUTE,
                new long[] {0, MINUTE, 3 * MINUTE, 4 * MINUTE}, new double[] {1, 2, 4, 5});
        assertEquals(List.of(false, false, true), out.stream().map(Resampled::reset).toList());
        assertEquals(3 * MINUTE, out.get(2).timestamp());
    }

    @Test
    void shouldSurviveASaveAndLoadOfItsState() {
        Resampler r = resampler(Duration.ofSeconds(10));
        assertTrue(r.accept(state, event(0, 1), MINUTE).isEmpty());
        assertTrue(r.accept(state, event(30_000, 3), MINUTE).isEmpty());
        ResampleState loaded = ResampleState.fromBytes(state.toBytes());
        List<Resampled> out = r.accept(loaded, event(70_000, 9), MINUTE);
        assertEquals(1, out.size());
        assertEquals(2.0, out.get(0).value());
        assertNull(r.accept(loaded, event(1_000, 1), MINUTE));
    }
}
