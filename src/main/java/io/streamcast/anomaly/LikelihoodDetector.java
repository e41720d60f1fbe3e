package io.streamcast.anomaly;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Residual surprise smoothed into an anomaly likelihood, after Numenta's anomaly likelihood
 * (Ahmad et al., 2017), with the forecaster's residual in place of HTM's raw score:
 * <ol>
 *   <li>each residual is standardised by the series' exponentially weighted residual mean and
 *       variance (learned before it, so a spike cannot hide itself) and turned into a surprise,
 *       −log10 of its two-sided Gaussian tail probability;</li>
 *   <li>the surprises of the last {@code shortWindow} observations are averaged — one huge
 *       residual still dominates the average, and a run of moderately odd residuals adds up;</li>
 *   <li>that average is judged against its own long-run mean and variance: the score is the
 *       upper-tail surprise of the average, scaled so a tail of 10^-tailDecades gives 1.</li>
 * </ol>
 * Surprises are in decades rather than probabilities so that extreme residuals keep distinct
 * scores instead of all saturating at 1, which is what lets a threshold separate them.
 */
final class LikelihoodDetector implements AnomalyDetector {

    private static final byte VERSION = 1;
    /** Numenta's floor on the variance of the averaged score, in decades² here: keeps a dead-calm
     *  history from turning the first tiny wobble into a certain anomaly. */
    private static final double MIN_AVERAGE_VARIANCE = 0.0025;
    /** Residual scale floor relative to the series' magnitude (constant series give zero residuals). */
    private static final double RELATIVE_SCALE_FLOOR = 1e-6;
    private static final double ABSOLUTE_SCALE_FLOOR = 1e-12;

    private final AnomalyConfig config;
    private final AlertGate gate;
    private long residuals;
    private double residualMean;
    private double residualVariance;
    private double magnitude;
    private final double[] recent;
    private int recentCount;
    private int recentNext;
    private long averages;
    private double averageMean;
    private double averageVariance;

    LikelihoodDetector(AnomalyConfig config) {
        this(config, 0);
    }

    private LikelihoodDetector(AnomalyConfig config, int silentFor) {
        this.config = config;
        this.gate = new AlertGate(config.threshold(), config.refractory(), silentFor);
        this.recent = new double[config.shortWindow()];
    }

    @Override
    public Verdict observe(double value, double expected) {
        if (!Double.isFinite(value) || !Double.isFinite(expected)) {
            return skip();
        }
        return judge(value - expected, Math.abs(value));
    }

    @Override
    public Verdict observeResidual(double residual) {
        if (!Double.isFinite(residual)) {
            return skip();
        }
        return judge(residual, 0);
    }

    private Verdict skip() {
        gate.decide(0);
        return Verdict.NONE;
    }

    private Verdict judge(double residual, double absValue) {
        double scale = Math.max(Math.sqrt(residualVariance),
                RELATIVE_SCALE_FLOOR * Math.max(magnitude, absValue) + ABSOLUTE_SCALE_FLOOR);
        double surprise = residuals == 0 ? 0 : Tails.twoSidedSurprise((residual - residualMean) / scale);
        double average = pushRecent(surprise);
        double score = 0;
        if (residuals >= config.warmup()) {
            double spread = Math.sqrt(Math.max(averageVariance, MIN_AVERAGE_VARIANCE));
            score = Math.min(1, Tails.upperSurprise((average - averageMean) / spread) / config.tailDecades());
        }
        boolean flag = gate.decide(score);
        if (!flag || config.learnFromFlagged()) {
            learn(residual, absValue, average);
        }
        return new Verdict(score, flag);
    }

    private double pushRecent(double surprise) {
        recent[recentNext] = surprise;
        recentNext = (recentNext + 1) % recent.length;
        recentCount = Math.min(recentCount + 1, recent.length);
        double sum = 0;
        for (int i = 0; i < recentCount; i++) {
            sum += recent[i];
        }
        return sum / recentCount;
    }

    /** Exponentially weighted moments whose weight starts at 1/n, so early estimates are exact means. */
    private void learn(double residual, double absValue, double average) {
        residuals++;
        double a = 1.0 / Math.min(residuals, config.residualWindow());
        double d = residual - residualMean;
        residualMean += a * d;
        residualVariance = (1 - a) * (residualVariance + a * d * d);
        magnitude += a * (absValue - magnitude);

        averages++;
        double b = 1.0 / Math.min(averages, config.longWindow());
        double e = average - averageMean;
        averageMean += b * e;
        averageVariance = (1 - b) * (averageVariance + b * e * e);
    }

    @Override
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + 8 * recent.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(recent.length);
            out.writeInt(gate.silentFor());
            out.writeLong(residuals);
            out.writeDouble(residualMean);
            out.writeDouble(residualVariance);
            out.writeDouble(magnitude);
            out.writeInt(recentCount);
            out.writeInt(recentNext);
            for (double r : recent) {
                out.writeDouble(r);
            }
            out.writeLong(averages);
            out.writeDouble(averageMean);
            out.writeDouble(averageVariance);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LikelihoodDetector restore(AnomalyConfig config, byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("anomaly detector state: version " + version
                        + " is not the supported version " + VERSION);
            }
            int slots = in.readInt();
            if (slots != config.shortWindow()) {
                throw new IllegalArgumentException("anomaly detector state was saved with short-window " + slots
                        + " but the config has " + config.shortWindow());
            }
            LikelihoodDetector d = new LikelihoodDetector(config, in.readInt());
            d.residuals = in.readLong();
            d.residualMean = in.readDouble();
            d.residualVariance = in.readDouble();
            d.magnitude = in.readDouble();
            d.recentCount = in.readInt();
            d.recentNext = in.readInt();
            for (int i = 0; i < slots; i++) {
                d.recent[i] = in.readDouble();
            }
            d.averages = in.readLong();
            d.averageMean = in.readDouble();
            d.averageVariance = in.readDouble();
            if (in.available() != 0) {
                throw new IllegalArgumentException("anomaly detector state: " + in.available()
                        + " unexpected trailing bytes");
            }
            return d;
        } catch (IOException e) {
            throw new IllegalArgumentException("anomaly detector state is truncated (" + state.length + " bytes)", e);
        }
    }
}
