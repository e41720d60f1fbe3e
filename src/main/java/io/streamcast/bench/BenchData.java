package io.streamcast.bench;

import io.streamcast.series.Observation;
import io.streamcast.stream.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The bench's generated series: seeded sines of different frequencies and magnitudes (1e-3 to 1e5)
 * with noise. Round {@code t} holds one value of every series at event time {@code epoch + t} minutes;
 * series {@code s} is named {@code s<s>}.
 */
public final class BenchData {
    static final long SPACING_MS = 60_000L;

    private final long epochMs;

    private final double[] omega;
    private final double[] scale;
    private final SplittableRandom noise;

    /** Event times start at {@code epochMs} (the model-only bench: any; through a broker: not in its future). */
    BenchData(int series, long seed, long epochMs) {
        this.epochMs = epochMs;
        SplittableRandom r = new SplittableRandom(seed);
        omega = new double[series];
        scale = new double[series];
        for (int s = 0; s < series; s++) {
            omega[s] = 0.02 + 0.2 * r.nextDouble();
            scale[s] = Math.pow(10, s % 9 - 3);
        }
        noise = r.split();
    }

    int series() {
        return omega.length;
    }

    static String id(int s) {
        return "s" + s;
    }

    /** The index of a series id made by {@link #id}, or -1 for any other id. */
    static int index(String id) {
        if (id == null || id.length() < 2 || id.charAt(0) != 's') {
            return -1;
        }
        try {
            return Integer.parseInt(id, 1, id.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A start of event time such that {@code rounds} rounds end an hour before now: a broker refuses
     * record timestamps more than an hour ahead of its clock ({@code message.timestamp.after.max.ms}).
     */
    static long epochEndingBeforeNow(long rounds) {
        long now = System.currentTimeMillis();
        return now - now % SPACING_MS - (rounds + 60) * SPACING_MS;
    }

    long timestamp(long round) {
        return epochMs + round * SPACING_MS;
    }

    /** The round of an event time made by {@link #timestamp}. */
    long roundOf(long timestamp) {
        return Math.floorDiv(timestamp - epochMs, SPACING_MS);
    }

    /** The next value of series {@code s} at round {@code t} (draws noise: call in a fixed order). */
    double value(int s, long t) {
        return scale[s] * (2 + Math.sin(omega[s] * t) + 0.1 * noise.nextGaussian());
    }

    List<Observation> observations(long t) {
        List<Observation> out = new ArrayList<>(omega.length);
        for (int s = 0; s < omega.length; s++) {
            out.add(new Observation(id(s), timestamp(t), value(s, t)));
        }
        return out;
    }

    /** The input event of series {@code s} at round {@code t}, in the input contract's JSON. */
    byte[] event(int s, long t) {
        return EventJson.event(id(s), timestamp(t), EventJson.Time.EPOCH_MILLIS, value(s, t));
    }
}
