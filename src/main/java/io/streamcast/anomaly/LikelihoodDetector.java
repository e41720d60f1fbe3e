package io.streamcast.anomaly;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Residual surprise smoothed into an anomaly likelihood, after Numenta's anomaly likelihood
 * (Ahmad et al., 2017), with the forecaster's residual in place of HTM's raw score:
 * <ol>
 *   <li>each residual is standardised by the series' robust residual location and scale
 *       (learned before it, so a spike cannot hide itself; see {@link #learn}) and turned into a
 *       surprise, −log10 of its two-sided Gaussian tail probability, capped;</li>
 *   <li>the surprises of the last {@code shortWindow} observations are averaged — one huge
 *       residual still dominates the average, and a run of moderately odd residuals adds up — and
 *       the cube root of the average is taken (Wilson–Hilferty), which makes it nearly Gaussian;</li>
 *   <li>that statistic is judged against its own long-run mean and variance: the score is the
 *       surprise of its upper tail (0 at or below its mean), scaled so a tail of 10^-tailDecades
 *       gives 1.</li>
 * </ol>
 * Surprises are in decades rather than probabilities so that extreme residuals keep distinct
 * scores instead of all saturating at 1, which is what lets a threshold separate them.
 */
final class LikelihoodDetector implements AnomalyDetector {

    /** Version 2 writes the seed residuals only while they are still being collected; 1 still loads. */
    private static final byte VERSION = 2;
    private static final byte LEGACY_VERSION = 1;
    /** A floor on the variance of the averaged statistic, as Numenta floors theirs: keeps a
     *  dead-calm history from turning the first tiny wobble into a certain anomaly. */
    private static final double MIN_AVERAGE_VARIANCE = 0.0025;
    /** Residual scale floor relative to the series' magnitude (constant series give zero residuals). */
    private static final double RELATIVE_SCALE_FLOOR = 1e-6;
    private static final double ABSOLUTE_SCALE_FLOOR = 1e-12;
    /** Residuals whose median and MAD seed the residual location and scale. */
    private static final int SEED_SIZE = 16;
    /** Deviations beyond this many scales are clipped before they update the statistics. */
    private static final double CLIP = 5.0;
    /** Caps one residual's surprise (30 decades, z ≈ 11.4) so that one absurd value cannot swamp the
     *  recent average and the long-run spread for thousands of observations. */
    private static final double MAX_SURPRISE = 30.0;
    private static final double SQRT_HALF_PI = Math.sqrt(Math.PI / 2);

    private final AnomalyConfig config;
    private final AlertGate gate;
    private long residuals;
    private double residualMean;
    private double residualScale;
    private final double[] seed = new double[SEED_SIZE];
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
        double floor = RELATIVE_SCALE_FLOOR * Math.max(magnitude, absValue) + ABSOLUTE_SCALE_FLOOR;
        double surprise = residuals < SEED_SIZE ? 0
                : Math.min(MAX_SURPRISE, Tails.twoSidedSurprise((residual - residualMean) / Math.max(residualScale, floor)));
        // Wilson–Hilferty: an average of surprises is Gamma-like (right-skewed); its cube root is
        // close to Gaussian, so a Gaussian tail on it does not alert on calm noise
        double average = Math.cbrt(pushRecent(surprise));
        double score = 0;
        if (residuals >= Math.max(config.warmup(), SEED_SIZE)) {
            double spread = Math.sqrt(Math.max(averageVariance, MIN_AVERAGE_VARIANCE));
            double z = (average - averageMean) / spread;
            // only an average above its usual level is unusual; at or below it the score is 0
            score = z <= 0 ? 0 : Math.min(1, Tails.twoSidedSurprise(z) / config.tailDecades());
        }
        boolean flag = gate.decide(score);
        if (!flag || config.learnFromFlagged()) {
            learn(residual, absValue, average, floor);
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

    /**
     * Robust, exponentially weighted moments. The residual location and scale start from the median
     * and MAD of the first {@value #SEED_SIZE} residuals (a model's first residuals can be wild), then
     * follow an exponentially weighted mean and mean absolute deviation whose inputs are clipped at
     * {@value #CLIP} scales: one outlier moves them a little, a lasting change of regime is learned
     * within a few hundred observations. Weights start at 1/n so early estimates are plain means.
     */
    private void learn(double residual, double absValue, double average, double floor) {
        if (residuals < SEED_SIZE) {
            seed[(int) residuals] = residual;
        }
        residuals++;
        double a = 1.0 / Math.min(residuals, config.residualWindow());
        magnitude += a * (absValue - magnitude);
        if (residuals == SEED_SIZE) {
            double[] sorted = seed.clone();
            Arrays.sort(sorted);
            residualMean = (sorted[SEED_SIZE / 2 - 1] + sorted[SEED_SIZE / 2]) / 2;
            double[] dev = new double[SEED_SIZE];
            for (int i = 0; i < SEED_SIZE; i++) {
                dev[i] = Math.abs(seed[i] - residualMean);
            }
            Arrays.sort(dev);
            residualScale = 1.4826 * (dev[SEED_SIZE / 2 - 1] + dev[SEED_SIZE / 2]) / 2;
        } else if (residuals > SEED_SIZE) {
            double limit = CLIP * Math.max(residualScale, floor);
            double d = Math.max(-limit, Math.min(limit, residual - residualMean));
            residualMean += a * d;
            // E|d| = σ·sqrt(2/π) for a Gaussian: keep the scale in σ units
            residualScale += a * (Math.abs(d) * SQRT_HALF_PI - residualScale);
        }

        averages++;
        double b = 1.0 / Math.min(averages, config.longWindow());
        // not clipped: surprises are capped, and rare bursts must widen this distribution so a
        // series whose normal life has spikes stops alerting on every spike
        double e = average - averageMean;
        averageMean += b * e;
        averageVariance = (1 - b) * (averageVariance + b * e * e);
    }

    @Override
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + 8 * (SEED_SIZE + recent.length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(recent.length);
            out.writeInt(gate.silentFor());
            out.writeLong(residuals);
            out.writeDouble(residualMean);
            out.writeDouble(residualScale);
            for (int i = 0; i < seedsKept(residuals); i++) { // once seeded, the seed is never read again
                out.writeDouble(seed[i]);
            }
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

    /** Seed residuals that matter in the state: those collected so far, none once the seed was used. */
    private static int seedsKept(long residuals) {
        return residuals < SEED_SIZE ? (int) Math.max(0, residuals) : 0;
    }

    static LikelihoodDetector restore(AnomalyConfig config, byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            byte version = in.readByte();
            if (version != VERSION && version != LEGACY_VERSION) {
                throw new IllegalArgumentException("anomaly detector state: version " + version
                        + " is not a supported version (" + LEGACY_VERSION + " or " + VERSION + ")");
            }
            int slots = in.readInt();
            if (slots != config.shortWindow()) {
                throw new IllegalArgumentException("anomaly detector state was saved with short-window " + slots
                        + " but the config has " + config.shortWindow());
            }
            LikelihoodDetector d = new LikelihoodDetector(config, in.readInt());
            d.residuals = in.readLong();
            d.residualMean = in.readDouble();
            d.residualScale = in.readDouble();
            int seeds = version == LEGACY_VERSION ? SEED_SIZE : seedsKept(d.residuals);
            for (int i = 0; i < seeds; i++) {
                d.seed[i] = in.readDouble();
            }
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
