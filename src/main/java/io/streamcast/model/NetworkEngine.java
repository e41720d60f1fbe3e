package io.streamcast.model;

import io.streamcast.series.Observation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the FF-AR and LSTM engines share: one network for all series, each series' local part in a
 * {@link NeuralSeries} (normalised by its own level, seasons and scale), a replay buffer, and the
 * order of events that makes batching invisible.
 *
 * <p>Training cadence: one optimiser step every {@code trainEvery × min(S, C)} learned values, S the
 * number of series the engine has met and C the cap ({@code valuesPerStep}). A lone series gets a
 * step per value; with many series the cost per value settles at 1/C of a step, so throughput does
 * not collapse as series are added while the network still sees every row about
 * {@code batch / (2 C)} times through the newest half of its minibatches.
 *
 * <p>A batch is cut into rounds; a round holds at most one observation per series and ends right
 * after an observation that triggers training. All series of a round are served by one network
 * call, then the network trains. Stepping the same observations one at a time therefore trains at
 * the same moments on the same rows, and gives the same results up to the rounding of a batched
 * versus a single-row matrix product.
 *
 * <p>Not thread-safe: one owner thread per engine (DL4J's {@code rnnTimeStep} is not either).
 */
abstract class NetworkEngine implements Engine {
    final String name;
    final int horizon;
    final int trainEvery;
    final int valuesPerStep;
    final int batchSize;
    final MultiLayerNetwork net;
    final ReplayBuffer buffer;
    final SplitMix64 rng;
    final IntervalConfig intervals;
    private final Seasons seasons;
    private final int history;
    private NeuralSeries.Shape shape;
    private final Map<String, NeuralSeries> series = new HashMap<>();
    /** Finite values learned since the last training step. */
    private long sinceTraining;
    /** Series met so far (created, not loaded); scales the training cadence. */
    private long seriesMet;
    /** Number of training steps so far (the LSTM carries its states across them; nothing reads this now). */
    long version;

    NetworkEngine(String name, int horizon, int trainEvery, int valuesPerStep, int batchSize, int bufferRows,
            int rowWidth, long seed, IntervalConfig intervals, Seasons seasons, int history, MultiLayerNetwork net) {
        this.name = name;
        this.intervals = Objects.requireNonNull(intervals, "intervals");
        this.horizon = horizon;
        this.trainEvery = trainEvery;
        this.valuesPerStep = valuesPerStep;
        this.batchSize = batchSize;
        this.net = net;
        this.buffer = new ReplayBuffer(bufferRows, rowWidth);
        this.rng = new SplitMix64(seed ^ 0x5DEECE66DL);
        this.seasons = Objects.requireNonNull(seasons, "seasons");
        this.history = history;
    }

    /**
     * The seed handed to DL4J for a model seed: DL4J takes a seed of 0 for "none" and draws the
     * initial weights from the clock, so the default seed 0 gave different weights on every start.
     * The model seed is mixed into a seed that is never 0.
     */
    static long networkSeed(long seed) {
        long s = new SplitMix64(seed).nextLong();
        return s == 0 ? 1 : s;
    }

    /** Built on first use: keep() and netStateSize() read the subclass's configuration. */
    private NeuralSeries.Shape shape() {
        if (shape == null) {
            shape = new NeuralSeries.Shape(keep(), netStateSize(), horizon, intervals, seasons, history);
        }
        return shape;
    }

    /** Raw values each series keeps. */
    abstract int keep();

    /** Numbers of recurrent state each series keeps (0 for feed-forward). */
    abstract int netStateSize();

    /** Values a series needs before the network forecasts it. */
    abstract int warmup();

    /** Adds the training row(s) that the series' latest value completes, if any. */
    abstract void addRows(NeuralSeries s, double[] scratch);

    /** Forecasts steps 1..horizon in window units (relative to the latest value, over the scale). */
    abstract double[][] forecast(List<NeuralSeries> ready);

    /** One optimiser step on a minibatch drawn from the replay buffer. */
    abstract void train();

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Step> step(List<Observation> batch) {
        Step[] out = new Step[batch.size()];
        List<Integer> round = new ArrayList<>();
        Set<String> inRound = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            Observation o = Objects.requireNonNull(batch.get(i), "observation " + i + " of the batch is null");
            if (!inRound.add(o.series())) {
                serve(batch, round, out);
                round.clear();
                inRound.clear();
                inRound.add(o.series());
            }
            round.add(i);
            series.computeIfAbsent(o.series(), id -> {
                seriesMet++;
                return shape().create(id);
            });
            if (Double.isFinite(o.value()) && ++sinceTraining >= trainEvery * Math.min(seriesMet, valuesPerStep)) {
                sinceTraining = 0;
                serve(batch, round, out);
                round.clear();
                inRound.clear();
                if (buffer.size() > 0) {
                    net.rnnClearPreviousState();
                    train();
                    version++;
                }
            }
        }
        serve(batch, round, out);
        return Arrays.asList(out);
    }

    private void serve(List<Observation> batch, List<Integer> round, Step[] out) {
        if (round.isEmpty()) {
            return;
        }
        double[] scratch = new double[buffer.width()];
        List<NeuralSeries> ready = new ArrayList<>(round.size());
        List<Integer> readyAt = new ArrayList<>(round.size());
        for (int i : round) {
            Observation o = batch.get(i);
            NeuralSeries s = series.get(o.series());
            if (!Double.isFinite(o.value())) {
                s.skipped++;
                out[i] = new Step(o, Double.NaN, s.repeat(name));
                continue;
            }
            double expected = s.pending;
            s.learn(o.value());
            addRows(s, scratch);
            if (s.available() >= warmup()) {
                ready.add(s);
                readyAt.add(i);
                out[i] = new Step(o, expected, s.repeat(name)); // replaced below
            } else {
                // Until the network can serve it: the latest value, deseasonalised, with its seasons put back.
                out[i] = new Step(o, expected, s.issue(name, s.seasonalNaive(horizon)));
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        double[][] z = forecast(ready);
        for (int r = 0; r < ready.size(); r++) {
            NeuralSeries s = ready.get(r);
            double[] mean = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                mean[h] = s.restore(h + 1, z[r][h]);
            }
            int i = readyAt.get(r);
            out[i] = new Step(out[i].observation(), out[i].expected(), s.issue(name, mean));
        }
    }

    /** Stacks rows into a [rows, cols] double matrix. */
    static INDArray matrix(double[] flat, int rows, int cols) {
        return Nd4j.create(flat, new long[] {rows, cols}, DataType.DOUBLE);
    }

    @Override
    public byte[] seriesState(String id) {
        NeuralSeries s = series.get(id);
        return s == null ? null : s.toBytes();
    }

    @Override
    public void loadSeries(String id, byte[] state) {
        Objects.requireNonNull(state, "state of series " + id);
        series.put(id, NeuralSeries.fromBytes(id, state, shape(), name));
    }

    @Override
    public void evict(String id) {
        series.remove(id);
    }

    int seriesCount() {
        return series.size();
    }

    @Override
    public byte[] sharedState() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(name);
            out.writeLong(sinceTraining);
            out.writeLong(seriesMet);
            out.writeLong(version);
            out.writeLong(rng.state());
            out.writeInt(net.getIterationCount());
            out.writeInt(net.getEpochCount());
            writeArray(out, net.params());
            INDArray updater = net.getUpdater(true).getStateViewArray();
            writeArray(out, updater == null ? Nd4j.empty(DataType.DOUBLE) : updater);
            buffer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void loadShared(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            String saved = in.readUTF();
            if (!saved.equals(name)) {
                throw new IllegalArgumentException("shared state belongs to model " + saved + ", not " + name);
            }
            sinceTraining = in.readLong();
            seriesMet = in.readLong();
            version = in.readLong();
            rng.state(in.readLong());
            net.setIterationCount(in.readInt());
            net.setEpochCount(in.readInt());
            readArray(in, net.params(), "weights");
            INDArray updater = net.getUpdater(true).getStateViewArray();
            readArray(in, updater == null ? Nd4j.empty(DataType.DOUBLE) : updater, "updater state");
            buffer.read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("shared state of " + name + " is truncated or corrupt ("
                    + state.length + " bytes): " + e, e);
        }
    }

    private static void writeArray(DataOutputStream out, INDArray a) throws IOException {
        double[] v = a.isEmpty() ? new double[0] : a.dup().data().asDouble();
        out.writeInt(v.length);
        for (double d : v) {
            out.writeDouble(d);
        }
    }

    /** Reads into the live view (params() and the updater's state are views of the network). */
    private void readArray(DataInputStream in, INDArray target, String what) throws IOException {
        int n = in.readInt();
        long expected = target.isEmpty() ? 0 : target.length();
        if (n != expected) {
            throw new IllegalArgumentException("shared state of " + name + " has " + n + " " + what
                    + " values but this network has " + expected + ": saved by a differently configured engine");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        if (n > 0) {
            target.assign(Nd4j.create(v, target.shape(), DataType.DOUBLE));
        }
    }
}
