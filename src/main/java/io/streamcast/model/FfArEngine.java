package io.streamcast.model;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Feed-forward AR: an MLP maps a series' last τ scaled values to its next value (recursive) or to
 * its next H values (direct). One network for every series of the engine; each series keeps only
 * its scaler, its last values and its interval residuals.
 */
final class FfArEngine extends NetworkEngine {
    private final FfArConfig config;
    private final int outputs;

    FfArEngine(FfArConfig c, IntervalConfig intervals) {
        super("ffar", c.horizon(), c.trainEvery(), c.batchSize(), c.bufferRows(),
                c.lags() + outputs(c), c.seed(), intervals, network(c));
        this.config = c;
        this.outputs = outputs(c);
    }

    private static int outputs(FfArConfig c) {
        return c.strategy() == MultiStep.DIRECT ? c.horizon() : 1;
    }

    private static MultiLayerNetwork network(FfArConfig c) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(c.learningRate()))
                .list();
        int in = c.lags();
        for (int i = 0; i < c.layers(); i++) {
            b.layer(new DenseLayer.Builder().nIn(in).nOut(c.hidden()).activation(Activation.RELU).build());
            in = c.hidden();
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(in).nOut(outputs(c))
                .activation(Activation.IDENTITY).build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Override
    int keep() {
        return config.lags() + outputs;
    }

    @Override
    int netStateSize() {
        return 0;
    }

    @Override
    int warmup() {
        return config.lags();
    }

    /** (τ values, the next 1 or H values), all scaled by the series' current scaler. */
    @Override
    void addRows(NeuralSeries s, double[] row) {
        if (s.available() < config.lags() + outputs) {
            return;
        }
        s.scaledWindow(config.lags(), outputs, row, 0);
        s.scaledWindow(outputs, 0, row, config.lags());
        buffer.add(row);
    }

    @Override
    double[][] forecast(List<NeuralSeries> ready) {
        int n = ready.size();
        int lags = config.lags();
        double[] window = new double[n * lags];
        for (int r = 0; r < n; r++) {
            ready.get(r).scaledWindow(lags, 0, window, r * lags);
        }
        double[][] z = new double[n][horizon];
        if (outputs == horizon) {
            double[] y = net.output(matrix(window, n, lags)).data().asDouble();
            for (int r = 0; r < n; r++) {
                System.arraycopy(y, r * horizon, z[r], 0, horizon);
            }
            return z;
        }
        for (int h = 0; h < horizon; h++) {
            double[] y = net.output(matrix(window, n, lags)).data().asDouble();
            for (int r = 0; r < n; r++) {
                z[r][h] = y[r];
                System.arraycopy(window, r * lags + 1, window, r * lags, lags - 1);
                window[r * lags + lags - 1] = y[r];
            }
        }
        return z;
    }

    @Override
    void train() {
        int lags = config.lags();
        int width = lags + outputs;
        double[] rows = new double[batchSize * width];
        buffer.sample(batchSize, rng, rows);
        double[] x = new double[batchSize * lags];
        double[] y = new double[batchSize * outputs];
        for (int i = 0; i < batchSize; i++) {
            System.arraycopy(rows, i * width, x, i * lags, lags);
            System.arraycopy(rows, i * width + lags, y, i * outputs, outputs);
        }
        INDArray features = matrix(x, batchSize, lags);
        INDArray labels = matrix(y, batchSize, outputs);
        net.fit(new DataSet(features, labels));
    }
}
