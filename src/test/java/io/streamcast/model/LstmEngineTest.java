package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two places where the LSTM engine steps outside DL4J's usual calls: its plain-Java forward
 * pass must compute what DL4J's own {@code rnnTimeStep} computes with the same weights, and its
 * fit must start from the states it is given.
 */
class LstmEngineTest {

    private static LstmConfig config(int units, int layers, boolean peephole) {
        return LstmConfig.defaults(5, 3).withNetwork(units, layers, peephole).withSequences(7, 4, 4);
    }

    /** Weights drawn at random, output layer included (it starts at zero). */
    private static MultiLayerNetwork randomNetwork(LstmConfig c, long seed) {
        MultiLayerNetwork net = LstmEngine.network(c);
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[(int) net.numParams()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextDouble() - 0.5);
        }
        net.setParams(Nd4j.create(p, new long[] {1, p.length}, 'c'));
        return net;
    }

    @ParameterizedTest(name = "{0} units, {1} layers, peephole {2}")
    @CsvSource({"6, 1, false", "5, 2, false", "4, 1, true", "3, 2, true"})
    void plainJavaStepComputesWhatRnnTimeStepComputes(int units, int layers, boolean peephole) {
        LstmConfig c = config(units, layers, peephole);
        MultiLayerNetwork net = randomNetwork(c, 1);
        LstmEngine.Cell cell = new LstmEngine.Cell(c.window(), units, layers, peephole, c.horizon());
        cell.load(net);
        int batch = 3;
        SplittableRandom r = new SplittableRandom(2);
        double[][] states = new double[batch][2 * units * layers];
        double[] out = new double[c.horizon()];
        for (int t = 0; t < 6; t++) {
            float[] x = new float[batch * c.window()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (3 * r.nextDouble() - 1.5);
            }
            INDArray y = net.rnnTimeStep(Nd4j.create(x, new long[] {batch, c.window(), 1}, 'c'));
            for (int b = 0; b < batch; b++) {
                double[] in = new double[c.window()];
                for (int i = 0; i < in.length; i++) {
                    in[i] = x[b * c.window() + i];
                }
                cell.step(in, states[b], out);
                for (int o = 0; o < c.horizon(); o++) {
                    assertEquals(y.getDouble(b, o, 0), out[o], 1e-5, "series " + b + " step " + t + " output " + o);
                }
            }
        }
        for (int l = 0; l < layers; l++) {
            Map<String, INDArray> s = net.rnnGetPreviousState(l);
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < units; k++) {
                    assertEquals(s.get("prevAct").getDouble(b, k), states[b][2 * l * units + k], 1e-5, "h");
                    assertEquals(s.get("prevMem").getDouble(b, k), states[b][(2 * l + 1) * units + k], 1e-5, "c");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} units, {1} layers, peephole {2}")
    @CsvSource({"6, 1, false", "5, 2, false", "4, 1, true"})
    void fitStartsFromTheGivenStates(int units, int layers, boolean peephole) {
        LstmConfig c = config(units, layers, peephole);
        LstmEngine.StartedNetwork net = (LstmEngine.StartedNetwork) randomNetwork(c, 4);
        LstmEngine.Cell cell = new LstmEngine.Cell(c.window(), units, layers, peephole, c.horizon());
        cell.load(net);
        int batch = 2;
        int length = c.sequenceLength();
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[batch * c.window() * length];
        float[] y = new float[batch * c.horizon() * length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (2 * r.nextDouble() - 1);
        }
        double[][] states = new double[batch][2 * units * layers];
        List<Map<String, INDArray>> start = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            float[] h = new float[batch * units];
            float[] m = new float[batch * units];
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < units; k++) {
                    h[b * units + k] = (float) (r.nextDouble() - 0.5);
                    m[b * units + k] = (float) (4 * r.nextDouble() - 2);
                    states[b][2 * l * units + k] = h[b * units + k];
                    states[b][(2 * l + 1) * units + k] = m[b * units + k];
                }
            }
            Map<String, INDArray> s = new HashMap<>();
            s.put("prevAct", Nd4j.create(h, new long[] {batch, units}, 'c'));
            s.put("prevMem", Nd4j.create(m, new long[] {batch, units}, 'c'));
            start.add(s);
        }
        // the loss the fit reports (before its update) is the absolute error of the outputs from these states,
        // averaged over outputs and sequences and summed over a sequence's steps
        double fromStates = 0;
        double fromZero = 0;
        double[] out = new double[c.horizon()];
        for (int b = 0; b < batch; b++) {
            double[] zero = new double[2 * units * layers];
            for (int p = 0; p < length; p++) {
                double[] in = new double[c.window()];
                for (int i = 0; i < in.length; i++) {
                    in[i] = x[(b * c.window() + i) * length + p];
                }
                cell.step(in, states[b], out);
                fromStates += absError(out, y, b, p, c.horizon(), length);
                cell.step(in, zero, out);
                fromZero += absError(out, y, b, p, c.horizon(), length);
            }
        }
        int n = batch * c.horizon();
        net.fit(Nd4j.create(x, new long[] {batch, c.window(), length}, 'c'),
                Nd4j.create(y, new long[] {batch, c.horizon(), length}, 'c'), start);
        assertEquals(fromStates / n, net.score(), 1e-5, "score of the fit (from zero states: " + fromZero / n + ")");
        assertTrue(Math.abs(fromStates - fromZero) / n > 1e-3, "the states matter in this example");
    }

    private static double absError(double[] out, float[] y, int b, int p, int outputs, int length) {
        double e = 0;
        for (int o = 0; o < outputs; o++) {
            e += Math.abs(out[o] - y[(b * outputs + o) * length + p]);
        }
        return e;
    }
}
