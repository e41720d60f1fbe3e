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
 * Feed-forward AR: an MLP maps a series' last τ values — deseasonalised, relative to the latest,
 * over the series' scale ({@link NeuralSeries#window}) — to its next H values in the same units
 * (direct), or to the next one, fed back H times (recursive). One network for every series of the
 * engine; each series keeps only its normaliser, its recent values and its intervals.
 *
 * <p>Trained on absolute errors (the forecast is a median: what sMAPE and MASE reward, and robust to
 * the outliers of real series). The output layer starts at zero, so an untrained network forecasts
 * each series' latest deseasonalised value with its seasons put back, and learns corrections to that.
 */
final class FfArEngine extends NetworkEngine {
    private final FfArConfig config;
    private final int outputs;

    FfArEngine(FfArConfig c, IntervalConfig intervals) {
        super("ffar", c.horizon(), c.trainEvery(), c.valuesPerStep(), c.batchSize(),
                FfArConfig.rows(c.bufferRows(), c.lags() + outputs(c)), c.lags() + outputs(c), c.seed(), intervals,
                c.seasons(), c.history(), network(c));
        this.config = c;
        this.outputs = outputs(c);
    }

    private static int outputs(FfArConfig c) {
        return c.strategy() == MultiStep.DIRECT ? c.horizon() : 1;
    }

    private static MultiLayerNetwork network(FfArConfig c) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(networkSeed(c.seed()))
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(c.learningRate()))
                .list();
        int in = c.lags();
        for (int i = 0; i < c.layers(); i++) {
            b.layer(new DenseLayer.Builder().nIn(in).nOut(c.hidden()).activation(Activation.RELU).build());
            in = c.hidden();
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MEAN_ABSOLUTE_ERROR).nIn(in).nOut(outputs(c))
                .weightInit(WeightInit.ZERO).activation(Activation.IDENTITY).build());
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

    /** τ inputs and the 1 or H values after them, all relative to the last input, normalised as the series is now. */
    @Override
    void addRows(NeuralSeries s, double[] row) {
        if (s.available() < config.lags() + outputs) {
            return;
        }
        s.window(config.lags(), outputs, outputs, row, 0);
        s.window(outputs, 0, outputs, row, config.lags());
        buffer.add(row);
    }

    @Override
    double[][] forecast(List<NeuralSeries> ready) {
        int n = ready.size();
        int lags = config.lags();
        double[] window = new double[n * lags];
        for (int r = 0; r < n; r++) {
            ready.get(r).window(lags, 0, 0, window, r * lags);
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
                // the window moves on by the forecast and is taken relative to it, as the series would be
                double step = y[r];
                z[r][h] = (h == 0 ? 0 : z[r][h - 1]) + step;
                int at = r * lags;
                for (int i = 0; i < lags - 1; i++) {
                    window[at + i] = NeuralSeries.clip(window[at + i + 1] - step);
                }
                window[at + lags - 1] = 0.0;
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
