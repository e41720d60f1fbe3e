package io.streamcast.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * LSTM forecaster: one recurrent network for every series of the engine; each series keeps its
 * own hidden and cell state, stacked into one {@code rnnTimeStep} batch and scattered back.
 *
 * <p>A state is tied to the weights that made it. After a training step every state is stale; a
 * stale series is rebuilt when next stepped, from zero state over its last L values (the same
 * window the network is trained on), all stale series of a round in one call.
 */
final class LstmEngine extends NetworkEngine {
    private static final String H = "prevAct";
    private static final String C = "prevMem";
    private final LstmConfig config;
    private final int outputs;
    private final int length;
    private final int units;

    LstmEngine(LstmConfig c, IntervalConfig intervals) {
        super("lstm", c.horizon(), c.trainEvery(), c.valuesPerStep(), c.batchSize(),
                FfArConfig.rows(c.bufferRows(), c.sequenceLength() * (1 + outputs(c))),
                c.sequenceLength() * (1 + outputs(c)), c.seed(), intervals, c.seasons(), c.history(), network(c));
        this.config = c;
        this.outputs = outputs(c);
        this.length = c.sequenceLength();
        this.units = c.units();
    }

    private static int outputs(LstmConfig c) {
        return c.strategy() == MultiStep.DIRECT ? c.horizon() : 1;
    }

    private static MultiLayerNetwork network(LstmConfig c) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(networkSeed(c.seed()))
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(c.learningRate()))
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(c.clip())
                .list();
        int in = 1;
        for (int i = 0; i < c.layers(); i++) {
            b.layer(c.peephole()
                    ? new GravesLSTM.Builder().nIn(in).nOut(c.units()).activation(Activation.TANH).build()
                    : new LSTM.Builder().nIn(in).nOut(c.units()).activation(Activation.TANH).build());
            in = c.units();
        }
        b.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MEAN_ABSOLUTE_ERROR).nIn(in).nOut(outputs(c))
                .weightInit(WeightInit.ZERO)
                .activation(Activation.IDENTITY).build());
        b.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(c.tbptt()).tBPTTBackwardLength(c.tbptt());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    @Override
    int keep() {
        return length + outputs;
    }

    @Override
    int netStateSize() {
        return 2 * units * config.layers();
    }

    @Override
    int warmup() {
        return length;
    }

    /** A sequence of L scaled inputs, and at each of its steps the 1 or H values that follow. */
    @Override
    void addRows(NeuralSeries s, double[] row) {
        if (s.available() < length + outputs) {
            return;
        }
        s.changes(length, outputs, row, 0);
        for (int o = 0; o < outputs; o++) {
            // labels[o][p] = value o + 1 steps after input p, relative to the value input p led to
            for (int p = 0; p < length; p++) {
                int at = outputs + length - 1 - p; // values back from the latest to the one input p led to
                s.window(1, at - o - 1, at, row, length + o * length + p);
            }
        }
        buffer.add(row);
    }

    @Override
    double[][] forecast(List<NeuralSeries> ready) {
        List<Integer> fresh = new ArrayList<>();
        List<Integer> stale = new ArrayList<>();
        for (int r = 0; r < ready.size(); r++) {
            (ready.get(r).netVersion == version ? fresh : stale).add(r);
        }
        double[][] z = new double[ready.size()][horizon];
        double[] next = new double[ready.size()];
        if (!fresh.isEmpty()) {
            double[] x = new double[fresh.size()];
            for (int i = 0; i < x.length; i++) {
                ready.get(fresh.get(i)).changes(1, 0, x, i);
            }
            setState(ready, fresh);
            INDArray y = net.rnnTimeStep(Nd4j.create(x, new long[] {x.length, 1, 1}, DataType.DOUBLE));
            collect(ready, fresh, y, z, next);
        }
        if (!stale.isEmpty()) {
            double[] x = new double[stale.size() * length];
            for (int i = 0; i < stale.size(); i++) {
                ready.get(stale.get(i)).changes(length, 0, x, i * length);
            }
            net.rnnClearPreviousState();
            INDArray y = net.rnnTimeStep(Nd4j.create(x, new long[] {stale.size(), 1, length}, DataType.DOUBLE));
            collect(ready, stale, y, z, next);
        }
        if (outputs == 1 && horizon > 1) {
            recurse(ready, z, next);
        }
        return z;
    }

    /** Reads the last time step's outputs and the new states of the given series. */
    private void collect(List<NeuralSeries> ready, List<Integer> which, INDArray y, double[][] z, double[] next) {
        long last = y.size(2) - 1;
        double[] out = y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(last)).dup().data().asDouble();
        for (int i = 0; i < which.size(); i++) {
            int r = which.get(i);
            if (outputs == 1) {
                z[r][0] = out[i];
                next[r] = out[i];
            } else {
                System.arraycopy(out, i * outputs, z[r], 0, horizon);
            }
        }
        for (int l = 0; l < config.layers(); l++) {
            Map<String, INDArray> state = net.rnnGetPreviousState(l);
            double[] h = state.get(H).dup().data().asDouble();
            double[] c = state.get(C).dup().data().asDouble();
            for (int i = 0; i < which.size(); i++) {
                NeuralSeries s = ready.get(which.get(i));
                System.arraycopy(h, i * units, s.netState, 2 * l * units, units);
                System.arraycopy(c, i * units, s.netState, (2 * l + 1) * units, units);
                s.netVersion = version;
            }
        }
    }

    private void setState(List<NeuralSeries> ready, List<Integer> which) {
        int n = which.size();
        for (int l = 0; l < config.layers(); l++) {
            double[] h = new double[n * units];
            double[] c = new double[n * units];
            for (int i = 0; i < n; i++) {
                double[] s = ready.get(which.get(i)).netState;
                System.arraycopy(s, 2 * l * units, h, i * units, units);
                System.arraycopy(s, (2 * l + 1) * units, c, i * units, units);
            }
            Map<String, INDArray> state = new HashMap<>();
            state.put(H, matrix(h, n, units));
            state.put(C, matrix(c, n, units));
            net.rnnSetPreviousState(l, state);
        }
    }

    /** Feeds predictions back from a copy of every state: the series' own states stay untouched. */
    private void recurse(List<NeuralSeries> ready, double[][] z, double[] next) {
        List<Integer> all = new ArrayList<>(ready.size());
        for (int r = 0; r < ready.size(); r++) {
            all.add(r);
        }
        setState(ready, all);
        double[] x = new double[all.size()];
        for (int h = 1; h < horizon; h++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = next[all.get(i)];
            }
            double[] y = net.rnnTimeStep(Nd4j.create(x, new long[] {x.length, 1, 1}, DataType.DOUBLE))
                    .dup().data().asDouble();
            for (int r = 0; r < ready.size(); r++) {
                z[r][h] = z[r][h - 1] + y[r]; // y is the change into step h + 1
                next[r] = y[r];
            }
        }
        net.rnnClearPreviousState();
    }

    @Override
    void train() {
        int width = buffer.width();
        double[] rows = new double[batchSize * width];
        buffer.sample(batchSize, rng, rows);
        double[] x = new double[batchSize * length];
        double[] y = new double[batchSize * outputs * length];
        for (int i = 0; i < batchSize; i++) {
            System.arraycopy(rows, i * width, x, i * length, length);
            System.arraycopy(rows, i * width + length, y, i * outputs * length, outputs * length);
        }
        INDArray features = Nd4j.create(x, new long[] {batchSize, 1, length}, DataType.DOUBLE);
        INDArray labels = Nd4j.create(y, new long[] {batchSize, outputs, length}, DataType.DOUBLE);
        net.fit(new DataSet(features, labels));
        net.rnnClearPreviousState();
    }
}
