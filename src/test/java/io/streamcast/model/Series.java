package io.streamcast.model;

import io.streamcast.series.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated test series and helpers to stream them through an engine. */
final class Series {
    private Series() {
    }

    /** sin(0.01 t) + N(0, noise²). */
    static double[] noisySine(int n, double noise, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = Math.sin(0.01 * t) + noise * r.nextGaussian();
        }
        return x;
    }

    /** Chaotic logistic map x ← 3.9 x (1 − x) observed with N(0, noise²). */
    static double[] noisyLogistic(int n, double noise, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        double v = 0.3;
        for (int t = 0; t < n; t++) {
            v = 3.9 * v * (1 - v);
            x[t] = v + noise * r.nextGaussian();
        }
        return x;
    }

    static List<Observation> one(String id, double[] x) {
        List<Observation> out = new ArrayList<>(x.length);
        for (int t = 0; t < x.length; t++) {
            out.add(new Observation(id, t, x[t]));
        }
        return out;
    }

    /** All series interleaved in time: t = 0 of every series, then t = 1, ... */
    static List<Observation> interleaved(String[] ids, double[][] x) {
        List<Observation> out = new ArrayList<>();
        for (int t = 0; t < x[0].length; t++) {
            for (int s = 0; s < ids.length; s++) {
                out.add(new Observation(ids[s], t, x[s][t]));
            }
        }
        return out;
    }

    /** Steps observations one per call. */
    static List<Step> oneByOne(Engine e, List<Observation> obs) {
        List<Step> out = new ArrayList<>(obs.size());
        for (Observation o : obs) {
            out.addAll(e.step(List.of(o)));
        }
        return out;
    }

    /** Mean squared h-step error over origins in [from, to): forecast made after t against x[t + h]. */
    static double mse(List<Step> steps, double[] x, int h, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int t = from; t < to && t + h < x.length; t++) {
            double e = steps.get(t).forecast().mean(h) - x[t + h];
            sum += e * e;
            n++;
        }
        return sum / n;
    }
}
