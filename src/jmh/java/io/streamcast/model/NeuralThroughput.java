package io.streamcast.model;

import io.streamcast.series.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Online-update throughput of the shared-network engines: N series stepped round by round (one
 * value per series per round, each round one {@code step} call), learning on, then the same
 * engine stepped one observation per call. Prints observations/s and per-series state bytes.
 *
 * <pre>
 * mvn -B -q -o test-compile
 * OMP_NUM_THREADS=1 java -Xmx2g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.streamcast.model.NeuralThroughput [series=1000] [rounds=60] [horizon=1]
 * </pre>
 * ({@code mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt} writes cp.txt.)
 */
public final class NeuralThroughput {
    private NeuralThroughput() {
    }

    public static void main(String[] args) {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int horizon = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        System.out.printf("%d series, %d rounds measured after 40 warm-up rounds, horizon %d, OMP_NUM_THREADS=%s%n",
                series, rounds, horizon, System.getenv("OMP_NUM_THREADS"));
        System.out.println("| model | training | batched obs/s | one-by-one obs/s | series state bytes |");
        System.out.println("|---|---|---|---|---|");
        FfArConfig ffar = FfArConfig.defaults(horizon, 1);
        run("ffar", ffar.trainEvery() + " × " + series + " values, " + ffar.batchSize() + " rows", () -> NeuralEngines.ffar(ffar),
                series, rounds);
        LstmConfig lstm = LstmConfig.defaults(horizon, 1);
        run("lstm(32)", lstm.trainEvery() + " × " + series + " values, " + lstm.batchSize() + " seqs of " + lstm.sequenceLength(),
                () -> NeuralEngines.lstm(lstm), series, rounds);
    }

    private static void run(String name, String training, java.util.function.Supplier<Engine> factory, int series,
            int rounds) {
        Random r = new Random(1);
        double[] omega = new double[series];
        for (int s = 0; s < series; s++) {
            omega[s] = 0.02 + 0.2 * r.nextDouble();
        }
        Engine e = factory.get();
        int t = 0;
        for (; t < 40; t++) {
            e.step(round(series, t, omega, r));
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++, t++) {
            e.step(round(series, t, omega, r));
        }
        double batched = (double) series * rounds / ((System.nanoTime() - start) / 1e9);
        int singleRounds = Math.max(1, rounds / 10);
        start = System.nanoTime();
        for (int i = 0; i < singleRounds; i++, t++) {
            for (Observation o : round(series, t, omega, r)) {
                e.step(List.of(o));
            }
        }
        double single = (double) series * singleRounds / ((System.nanoTime() - start) / 1e9);
        System.out.printf("| %s | every %s | %,.0f | %,.0f | %d |%n", name, training, batched, single,
                e.seriesState("s0").length);
    }

    private static List<Observation> round(int series, int t, double[] omega, Random r) {
        List<Observation> out = new ArrayList<>(series);
        for (int s = 0; s < series; s++) {
            double scale = Math.pow(10, s % 9 - 3);
            out.add(new Observation("s" + s, t, scale * (2 + Math.sin(omega[s] * t) + 0.1 * r.nextGaussian())));
        }
        return out;
    }
}
