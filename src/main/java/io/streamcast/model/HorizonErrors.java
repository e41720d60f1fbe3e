package io.streamcast.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The settled error of several forecasters of one series at each step of the horizon: each
 * forecast is kept until the value it was made for arrives, and the absolute error at step h joins
 * a mean (plain over the first {@code memory} errors, then exponentially weighted with that
 * memory). What {@code auto} weighs its members by, and what AR chooses between regressing on
 * values and on seasonal differences by: a choice by the error at the step that is asked, not by the
 * one-step error, which says little about a forecast 48 steps out.
 *
 * <p>Only a ladder of steps is tracked (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, … and H, as the intervals
 * do), and a step h ≥ 32 settles the forecasts of every (h/16)-th origin only; a step between two
 * tracked ones takes the error of the nearer shorter one. Pending forecasts
 * and errors are floats: what is stored is what is used, so a restore continues bit-exactly.
 */
final class HorizonErrors {
    private final int members;
    private final int[] steps;
    private final int memory;
    /** Per tracked step, the origins settled: every stride-th. */
    private final int[] stride;
    /** pending[m][k]: ring of member m's step-steps[k] forecasts, origin o at (o / stride) mod length. */
    private final float[][][] pending;
    private final float[][] error;
    private final int[][] seen;
    /** For each step 1..H, the index of the tracked step it takes its error from. */
    private final int[] from;
    private long origins;

    HorizonErrors(int members, int horizon) {
        this.members = members;
        this.steps = ConformalIntervals.trackedSteps(horizon);
        this.memory = Math.max(100, 2 * horizon);
        this.pending = new float[members][steps.length][];
        this.error = new float[members][steps.length];
        this.seen = new int[members][steps.length];
        this.stride = new int[steps.length];
        for (int k = 0; k < steps.length; k++) {
            stride[k] = Math.max(1, steps[k] / ConformalIntervals.PENDING_PER_STEP);
        }
        for (int m = 0; m < members; m++) {
            Arrays.fill(error[m], Float.NaN);
            for (int k = 0; k < steps.length; k++) {
                pending[m][k] = new float[(steps[k] + stride[k] - 1) / stride[k]];
                Arrays.fill(pending[m][k], Float.NaN);
            }
        }
        this.from = new int[horizon];
        for (int h = 1, k = 0; h <= horizon; h++) {
            while (k + 1 < steps.length && steps[k + 1] <= h) {
                k++;
            }
            from[h - 1] = k;
        }
    }

    int members() {
        return members;
    }

    /** Settles every pending forecast made for this value. */
    void observe(double actual) {
        for (int m = 0; m < members; m++) {
            for (int k = 0; k < steps.length; k++) {
                long origin = origins - steps[k];
                if (origin < 0 || origin % stride[k] != 0) {
                    continue;
                }
                int slot = (int) ((origin / stride[k]) % pending[m][k].length);
                float f = pending[m][k][slot];
                pending[m][k][slot] = Float.NaN;
                double e = Math.abs(actual - f);
                if (Double.isFinite(e)) {
                    int n = Math.min(seen[m][k] + 1, memory);
                    seen[m][k] = n;
                    double before = Float.isNaN(error[m][k]) ? 0.0 : error[m][k];
                    error[m][k] = (float) (before + (e - before) / n);
                }
            }
        }
    }

    /** Records the members' forecasts from a new origin: {@code means[m][h − 1]}, NaN for none. */
    void record(double[][] means) {
        for (int m = 0; m < members; m++) {
            for (int k = 0; k < steps.length; k++) {
                if (origins % stride[k] == 0) {
                    pending[m][k][(int) ((origins / stride[k]) % pending[m][k].length)] = (float) means[m][steps[k] - 1];
                }
            }
        }
        origins++;
    }

    /** Member m's settled mean absolute error at step h (1-based); NaN before one has settled. */
    double error(int m, int step) {
        return error[m][from[step - 1]];
    }

    /** Forgets what member m has shown (its forecasts change meaning, e.g. new seasonal periods). */
    void reset(int m) {
        Arrays.fill(error[m], Float.NaN);
        Arrays.fill(seen[m], 0);
        for (float[] p : pending[m]) {
            Arrays.fill(p, Float.NaN);
        }
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(origins);
        for (int m = 0; m < members; m++) {
            for (int k = 0; k < steps.length; k++) {
                out.writeFloat(error[m][k]);
                out.writeInt(seen[m][k]);
                for (float v : pending[m][k]) {
                    out.writeFloat(v);
                }
            }
        }
    }

    void readFrom(DataInput in) throws IOException {
        origins = in.readLong();
        for (int m = 0; m < members; m++) {
            for (int k = 0; k < steps.length; k++) {
                error[m][k] = in.readFloat();
                seen[m][k] = in.readInt();
                if (seen[m][k] < 0 || seen[m][k] > memory) {
                    throw new IOException(seen[m][k] + " settled errors, at most " + memory);
                }
                for (int i = 0; i < pending[m][k].length; i++) {
                    pending[m][k][i] = in.readFloat();
                }
            }
        }
    }
}
