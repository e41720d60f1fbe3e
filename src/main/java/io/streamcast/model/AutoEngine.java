package io.streamcast.model;

import io.streamcast.series.Observation;
import java.io.DataInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code auto}: AR, FF-AR and LSTM run side by side on every series (each engine batched as usual);
 * each series emits the forecast of the member with its lowest recent settled one-step error (an
 * exponentially weighted mean of absolute errors, half-life about 14 values). The forecast's
 * {@link Forecast#model()} names the member it came from. Until a member has settled an error it
 * cannot be chosen; ties go to the simpler model (AR, then FF-AR, then LSTM).
 */
final class AutoEngine implements Engine {
    static final String NAME = "auto";
    static final List<String> MEMBERS = List.of("ar", "ffar", "lstm");
    private static final String TAG = "auto/1";
    private static final double ALPHA = 0.05;

    private final Engine[] members;
    private final Map<String, Choice> choices = new HashMap<>();

    /** Auto's own per-series part: the members' recent errors and the expectation it emitted. */
    private static final class Choice {
        final double[] error = new double[MEMBERS.size()];
        double pending = Double.NaN;
        int chosen;

        Choice() {
            java.util.Arrays.fill(error, Double.NaN);
        }
    }

    AutoEngine(EngineConfig config) {
        members = new Engine[MEMBERS.size()];
        for (int m = 0; m < members.length; m++) {
            members[m] = Engines.create(MEMBERS.get(m), config);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Step> step(List<Observation> batch) {
        List<List<Step>> byMember = new ArrayList<>(members.length);
        for (Engine e : members) {
            byMember.add(e.step(batch));
        }
        List<Step> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Observation o = batch.get(i);
            Choice c = choices.computeIfAbsent(o.series(), s -> new Choice());
            if (!Double.isFinite(o.value())) {
                out.add(new Step(o, Double.NaN, byMember.get(c.chosen).get(i).forecast()));
                continue;
            }
            double expected = c.pending;
            for (int m = 0; m < members.length; m++) {
                double e = Math.abs(byMember.get(m).get(i).residual());
                if (Double.isFinite(e)) {
                    c.error[m] = Double.isNaN(c.error[m]) ? e : c.error[m] + ALPHA * (e - c.error[m]);
                }
            }
            c.chosen = best(c.error);
            Forecast f = byMember.get(c.chosen).get(i).forecast();
            c.pending = f.mean(1);
            out.add(new Step(o, expected, f));
        }
        return out;
    }

    private static int best(double[] error) {
        int best = 0;
        for (int m = 1; m < error.length; m++) {
            if (!Double.isNaN(error[m]) && (Double.isNaN(error[best]) || error[m] < error[best])) {
                best = m;
            }
        }
        return best;
    }

    @Override
    public byte[] seriesState(String series) {
        Choice c = choices.get(series);
        if (c == null) {
            return null;
        }
        return Snapshots.write(out -> {
            out.writeUTF(TAG);
            for (double e : c.error) {
                out.writeDouble(e);
            }
            out.writeDouble(c.pending);
            out.writeInt(c.chosen);
            for (Engine e : members) {
                byte[] s = e.seriesState(series);
                out.writeInt(s == null ? -1 : s.length);
                if (s != null) {
                    out.write(s);
                }
            }
        });
    }

    @Override
    public void loadSeries(String series, byte[] state) {
        Objects.requireNonNull(series, "series");
        byte[][] parts = new byte[members.length][];
        Choice c = Snapshots.read(state, NAME + " series '" + series + "'", in -> read(in, parts));
        for (int m = 0; m < members.length; m++) {
            if (parts[m] == null) {
                members[m].evict(series);
            } else {
                members[m].loadSeries(series, parts[m]);
            }
        }
        choices.put(series, c);
    }

    private Choice read(DataInput in, byte[][] parts) throws IOException {
        Snapshots.expectTag(in, TAG);
        Choice c = new Choice();
        for (int m = 0; m < members.length; m++) {
            c.error[m] = in.readDouble();
        }
        c.pending = in.readDouble();
        c.chosen = in.readInt();
        if (c.chosen < 0 || c.chosen >= members.length) {
            throw new IOException("chosen member " + c.chosen);
        }
        for (int m = 0; m < members.length; m++) {
            int n = in.readInt();
            if (n < -1 || n > 1 << 26) {
                throw new IOException("state of " + MEMBERS.get(m) + " is " + n + " bytes");
            }
            if (n >= 0) {
                parts[m] = new byte[n];
                in.readFully(parts[m]);
            }
        }
        return c;
    }

    @Override
    public void evict(String series) {
        choices.remove(series);
        for (Engine e : members) {
            e.evict(series);
        }
    }

    @Override
    public byte[] sharedState() {
        return Snapshots.write(out -> {
            out.writeUTF(TAG);
            for (Engine e : members) {
                byte[] s = e.sharedState();
                out.writeInt(s.length);
                out.write(s);
            }
        });
    }

    @Override
    public void loadShared(byte[] state) {
        byte[][] parts = Snapshots.read(state, NAME + " shared", in -> {
            Snapshots.expectTag(in, TAG);
            byte[][] p = new byte[members.length][];
            for (int m = 0; m < members.length; m++) {
                int n = in.readInt();
                if (n < 0 || n > 1 << 30) {
                    throw new IOException("shared state of " + MEMBERS.get(m) + " is " + n + " bytes");
                }
                p[m] = new byte[n];
                in.readFully(p[m]);
            }
            return p;
        });
        for (int m = 0; m < members.length; m++) {
            members[m].loadShared(parts[m]);
        }
    }
}
