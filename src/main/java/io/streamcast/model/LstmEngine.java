package io.streamcast.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * LSTM forecaster in the manner of the M4 winner: one recurrent network for every series of the
 * engine, each series normalised by its own level, seasons and scale ({@link NeuralSeries}). At
 * every value a series feeds the network its last w values — deseasonalised, relative to the latest,
 * over the scale, as FF-AR reads them — and the network answers the next H values in the same units
 * (direct), or the next one, fed back H times (recursive). Each series keeps its own hidden and cell
 * state, carried from value to value for as long as the series lives, across training steps: the
 * window says what happened lately, the state what came before.
 *
 * <p><b>Training.</b> A series cuts its stream into sequences of L windows; a sequence's labels are
 * known H values after its last window, so the series keeps the state it had before each sequence
 * still waiting for its labels ({@link #MAX_PENDING} at most: a sequence starts every
 * ⌈(L + H) / K⌉ values, K = min(⌈(L + H) / L⌉, {@value #MAX_PENDING})). A completed sequence enters
 * the shared replay buffer with that state; the network is fitted on minibatches of them by
 * truncated BPTT started from those stored states (as R2D2 does for recurrent replay), so it learns
 * to continue states like the ones it is served with rather than states rebuilt from zero.
 * Absolute-error loss (the forecast is a median) and a zero-initialised output layer: an untrained
 * network forecasts each series' latest deseasonalised value with its seasons put back. Gradients
 * are clipped by their L2 norm per layer. Inside the network, windows and targets are in units of
 * √w scale units (the spread of a random walk over the window), so that the gates start unsaturated
 * and the bounded hidden state reaches the targets with small output weights.
 *
 * <p><b>Serving</b> is a plain-Java forward pass over a copy of the weights, taken after each
 * training step: one series' step costs a few microseconds instead of a network call, and a series'
 * result does not depend on which other series share its call, so batched and one-by-one stepping
 * agree bit for bit. The weights are trained in single precision (the fit is the cost that matters;
 * floats halve it); the forward pass and the states are in double.
 */
final class LstmEngine extends NetworkEngine {
    private final LstmConfig config;
    private final int outputs;
    private final int window;
    private final int length;
    private final int units;
    private final int layers;
    /** Values from the first window of a training sequence to the last label: L windows, then H values. */
    private final int period;
    /** Values between the starts of a series' training sequences. */
    private final int stride;
    /** Sequences of one series waiting for their labels at a time, each with its starting state. */
    private final int pending;
    /** Window and target values inside the network are in this many scale units (√w). */
    private final double unit;
    /** Numbers of one recurrent state: h and c per layer. */
    private final int stateSize;
    private final StartedNetwork fitted;
    private final Cell cell;
    private boolean cellStale = true;

    LstmEngine(LstmConfig c, IntervalConfig intervals) {
        super("lstm", c.horizon(), c.trainEvery(), c.valuesPerStep(), c.batchSize(),
                FfArConfig.rows(c.bufferRows(), rowWidth(c)), rowWidth(c), c.seed(), intervals, c.seasons(),
                c.history(), network(c));
        this.config = c;
        this.outputs = outputs(c);
        this.window = c.window();
        this.length = c.sequenceLength();
        this.units = c.units();
        this.layers = c.layers();
        this.period = c.sequenceLength() + outputs;
        this.pending = pending(c);
        this.stride = (period + pending - 1) / pending;
        this.stateSize = 2 * c.units() * c.layers();
        this.unit = Math.sqrt(c.window());
        this.fitted = (StartedNetwork) net;
        this.cell = new Cell(c.window(), c.units(), c.layers(), c.peephole(), outputs);
    }

    /** States a series keeps for the sequences waiting for their labels. */
    static final int MAX_PENDING = 3;

    private static int pending(LstmConfig c) {
        int period = c.sequenceLength() + outputs(c);
        return Math.min(MAX_PENDING, (period + c.sequenceLength() - 1) / c.sequenceLength());
    }

    private static int outputs(LstmConfig c) {
        return c.strategy() == MultiStep.DIRECT ? c.horizon() : 1;
    }

    /** Values a training sequence spans: the first window, L − 1 more values, then the labels of the last. */
    private static int span(LstmConfig c) {
        return c.window() + c.sequenceLength() - 1 + outputs(c);
    }

    /** A replay row: the state before the sequence, then its values relative to the last input. */
    private static int rowWidth(LstmConfig c) {
        return 2 * c.units() * c.layers() + span(c);
    }

    static MultiLayerNetwork network(LstmConfig c) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(networkSeed(c.seed()))
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(c.learningRate()))
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(c.clip())
                .list();
        int in = c.window();
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
        MultiLayerNetwork net = new StartedNetwork(b.build());
        net.init();
        return net;
    }

    /** Raw values each series keeps: one training sequence's span. */
    @Override
    int keep() {
        return span(config);
    }

    /** The series' state now, then the states it had before each sequence still waiting for its labels. */
    @Override
    int netStateSize() {
        return (1 + pending) * stateSize;
    }

    @Override
    int warmup() {
        return window;
    }

    /**
     * Windows the series has fed the network once its latest value is stepped (the first window is
     * fed at its w-th value).
     */
    private long fed(NeuralSeries s) {
        return s.count() - window + 1;
    }

    /**
     * Where the state before sequence j is kept: sequence j starts after the series has fed j·stride
     * windows and waits for its labels until it has fed j·stride + L + H − 1; {@code pending} slots
     * in turn hold them.
     */
    private int slot(long sequence) {
        return (1 + (int) (sequence % pending)) * stateSize;
    }

    /**
     * When the latest value completes a sequence (its L-th window's labels), adds the row: the state
     * saved before the sequence's first window, then the values from that window's first to the
     * latest, deseasonalised, relative to the sequence's last input, over the scale (kept unclipped
     * within ±{@link #SPAN_LIMIT}, so that each window can be taken relative to its own latest value
     * and clipped as {@link NeuralSeries#window} clips it).
     */
    @Override
    void addRows(NeuralSeries s, double[] row) {
        long done = fed(s) - period; // j·stride for the sequence j this value completes
        if (done < 0 || done % stride != 0 || s.available() < span(config)) {
            return;
        }
        System.arraycopy(s.netState, slot(done / stride), row, 0, stateSize);
        int n = span(config);
        double ref = s.deseasonalisedBack(outputs);
        double scale = s.normaliser.scale();
        for (int i = 0; i < n; i++) {
            double v = (s.deseasonalisedBack(n - 1 - i) - ref) / scale;
            row[stateSize + i] = Double.isNaN(v) ? 0.0 : Math.max(-SPAN_LIMIT, Math.min(SPAN_LIMIT, v));
        }
        buffer.add(row);
    }

    /** Bound of a stored span value: far beyond any clipped window value, well within float range. */
    static final double SPAN_LIMIT = 1e6;

    @Override
    double[][] forecast(List<NeuralSeries> ready) {
        if (cellStale) {
            cell.load(net);
            cellStale = false;
        }
        double[][] z = new double[ready.size()][horizon];
        double[] x = new double[window];
        double[] out = new double[outputs];
        double[] copy = outputs == horizon ? null : new double[stateSize];
        for (int r = 0; r < ready.size(); r++) {
            NeuralSeries s = ready.get(r);
            s.window(window, 0, 0, x, 0);
            for (int i = 0; i < window; i++) {
                x[i] /= unit;
            }
            cell.step(x, s.netState, out);
            long fed = fed(s);
            if (fed % stride == 0) { // sequence fed / stride starts with the next window
                System.arraycopy(s.netState, 0, s.netState, slot(fed / stride), stateSize);
            }
            if (copy == null) {
                for (int h = 0; h < horizon; h++) {
                    z[r][h] = out[h] * unit;
                }
            } else {
                recurse(x, s.netState, copy, out[0], z[r]);
            }
        }
        return z;
    }

    /**
     * Feeds the one-step forecast back H − 1 times from a copy of the state (the series' own state
     * stays untouched): the window (in network units) moves on by each forecast and is taken
     * relative to it.
     */
    private void recurse(double[] x, double[] state, double[] copy, double first, double[] z) {
        System.arraycopy(state, 0, copy, 0, stateSize);
        double[] out = new double[1];
        double step = first;
        z[0] = first * unit;
        for (int h = 1; h < horizon; h++) {
            for (int i = 0; i < window - 1; i++) {
                x[i] = NeuralSeries.clip((x[i + 1] - step) * unit) / unit;
            }
            x[window - 1] = 0.0;
            cell.step(x, copy, out);
            step = out[0];
            z[h] = z[h - 1] + step * unit;
        }
    }

    /**
     * One Adam step on a minibatch of sequences, each started from the state its series had before it
     * (truncated BPTT: no gradient flows into that state).
     */
    @Override
    void train() {
        int width = buffer.width();
        double[] rows = new double[batchSize * width];
        buffer.sample(batchSize, rng, rows);
        float[] x = new float[batchSize * window * length];
        float[] y = new float[batchSize * outputs * length];
        float[][] h = new float[layers][batchSize * units];
        float[][] c = new float[layers][batchSize * units];
        for (int b = 0; b < batchSize; b++) {
            int at = b * width;
            for (int l = 0; l < layers; l++) {
                for (int k = 0; k < units; k++) {
                    h[l][b * units + k] = (float) rows[at + 2 * l * units + k];
                    c[l][b * units + k] = (float) rows[at + (2 * l + 1) * units + k];
                }
            }
            int v = at + stateSize;
            for (int p = 0; p < length; p++) {
                double ref = rows[v + p + window - 1];
                for (int i = 0; i < window; i++) { // features[b][i][p]
                    x[(b * window + i) * length + p] = (float) (NeuralSeries.clip(rows[v + p + i] - ref) / unit);
                }
                for (int o = 0; o < outputs; o++) { // labels[b][o][p]
                    y[(b * outputs + o) * length + p] = (float) (NeuralSeries.clip(rows[v + p + window + o] - ref) / unit);
                }
            }
        }
        List<Map<String, INDArray>> start = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            Map<String, INDArray> state = new HashMap<>();
            state.put(StartedNetwork.H, Nd4j.create(h[l], new long[] {batchSize, units}, 'c'));
            state.put(StartedNetwork.C, Nd4j.create(c[l], new long[] {batchSize, units}, 'c'));
            start.add(state);
        }
        fitted.fit(Nd4j.create(x, new long[] {batchSize, window, length}, 'c'),
                Nd4j.create(y, new long[] {batchSize, outputs, length}, 'c'), start);
        cellStale = true;
    }

    @Override
    public void loadShared(byte[] state) {
        super.loadShared(state);
        cellStale = true;
    }

    /**
     * A network whose next fit starts its sequences from given recurrent states instead of zeros.
     * DL4J's truncated BPTT clears the recurrent state before its first segment and carries it from
     * segment to segment after that; the given states go in at that first clearing (as both the
     * state the forward pass starts from and the one backpropagation recomputes it from).
     */
    static final class StartedNetwork extends MultiLayerNetwork {
        static final String H = "prevAct";
        static final String C = "prevMem";
        private List<Map<String, INDArray>> start;

        StartedNetwork(MultiLayerConfiguration conf) {
            super(conf);
        }

        /** Fits one minibatch [b, in, L] → [b, out, L] from the states, one map per recurrent layer. */
        void fit(INDArray features, INDArray labels, List<Map<String, INDArray>> states) {
            start = states;
            try {
                fit(features, labels, null, null);
            } finally {
                start = null;
            }
        }

        @Override
        public void rnnClearPreviousState() {
            super.rnnClearPreviousState();
            if (start != null) {
                for (int l = 0; l < start.size(); l++) {
                    RecurrentLayer r = (RecurrentLayer) getLayer(l);
                    r.rnnSetPreviousState(copy(start.get(l)));
                    r.rnnSetTBPTTState(copy(start.get(l)));
                }
                start = null; // only the clearing before the first segment
            }
        }

        private static Map<String, INDArray> copy(Map<String, INDArray> state) {
            Map<String, INDArray> m = new HashMap<>();
            state.forEach((k, v) -> m.put(k, v.dup()));
            return m;
        }
    }

    /**
     * The network's forward pass in plain Java (DL4J's LSTM and GravesLSTM equations and parameter
     * layout: gate blocks [input, forget, output, input-modulation], tanh cell input and output,
     * sigmoid gates, peepholes from the previous cell into the forget and modulation gates and from
     * the new cell into the output gate), on double copies of the weights.
     */
    static final class Cell {
        private final int inputs;
        private final int units;
        private final int layers;
        private final boolean peephole;
        private final int outputs;
        private final double[][] w;
        private final double[][] rw;
        private final double[][] bias;
        private final double[][] peep; // per layer: forget (previous cell), output (new cell), modulation (previous cell)
        private double[] wOut;
        private double[] bOut;
        private final double[] z;
        private final double[] h;

        Cell(int inputs, int units, int layers, boolean peephole, int outputs) {
            this.inputs = inputs;
            this.units = units;
            this.layers = layers;
            this.peephole = peephole;
            this.outputs = outputs;
            this.w = new double[layers][];
            this.rw = new double[layers][];
            this.bias = new double[layers][];
            this.peep = new double[layers][];
            this.z = new double[4 * units];
            this.h = new double[units];
        }

        /** Copies the weights of the network (recurrent layers, then the output layer). */
        void load(MultiLayerNetwork net) {
            int g = 4 * units;
            for (int l = 0; l < layers; l++) {
                w[l] = rowMajor(net.getLayer(l).getParam("W"));
                double[] r = rowMajor(net.getLayer(l).getParam("RW")); // [units, 4 units (+ 3 peepholes)]
                int cols = peephole ? g + 3 : g;
                rw[l] = new double[units * g];
                peep[l] = new double[3 * units];
                for (int k = 0; k < units; k++) {
                    System.arraycopy(r, k * cols, rw[l], k * g, g);
                    if (peephole) {
                        for (int q = 0; q < 3; q++) {
                            peep[l][q * units + k] = r[k * cols + g + q];
                        }
                    }
                }
                bias[l] = rowMajor(net.getLayer(l).getParam("b"));
            }
            wOut = rowMajor(net.getLayer(layers).getParam("W"));
            bOut = rowMajor(net.getLayer(layers).getParam("b"));
        }

        /** A parameter's values, row after row, in one copy (element-wise reads cost a native call each). */
        private static double[] rowMajor(INDArray m) {
            return m.dup('c').data().asDouble();
        }

        /** One step: {@code state} ([h, c] per layer) moves on in place; {@code out} gets the outputs. */
        void step(double[] x, double[] state, double[] out) {
            int g = 4 * units;
            double[] in = x;
            int n = inputs;
            for (int l = 0; l < layers; l++) {
                double[] wl = w[l];
                double[] rl = rw[l];
                System.arraycopy(bias[l], 0, z, 0, g);
                for (int i = 0; i < n; i++) {
                    double v = in[i];
                    int at = i * g;
                    for (int j = 0; j < g; j++) {
                        z[j] += v * wl[at + j];
                    }
                }
                int ho = 2 * l * units;
                int co = ho + units;
                for (int k = 0; k < units; k++) {
                    double v = state[ho + k];
                    int at = k * g;
                    for (int j = 0; j < g; j++) {
                        z[j] += v * rl[at + j];
                    }
                }
                double[] p = peep[l];
                for (int k = 0; k < units; k++) {
                    double before = state[co + k];
                    double a = tanh(z[k]);
                    double f = sigmoid(z[units + k] + (peephole ? before * p[k] : 0.0));
                    double m = sigmoid(z[3 * units + k] + (peephole ? before * p[2 * units + k] : 0.0));
                    double cell = f * before + m * a;
                    double o = sigmoid(z[2 * units + k] + (peephole ? cell * p[units + k] : 0.0));
                    state[co + k] = cell;
                    h[k] = o * tanh(cell);
                }
                System.arraycopy(h, 0, state, ho, units);
                in = h;
                n = units;
            }
            for (int o = 0; o < outputs; o++) {
                out[o] = bOut[o];
            }
            for (int k = 0; k < units; k++) {
                double v = h[k];
                int at = k * outputs;
                for (int o = 0; o < outputs; o++) {
                    out[o] += v * wOut[at + o];
                }
            }
        }

        private static double sigmoid(double v) {
            return 1.0 / (1.0 + Math.exp(-v));
        }

        /** tanh through {@code Math.exp}, which the JIT compiles to a few instructions (Math.tanh is ~3× slower). */
        private static double tanh(double v) {
            double e = Math.exp(-2 * Math.abs(v));
            return Math.copySign((1 - e) / (1 + e), v);
        }
    }
}
