package io.streamcast.anomaly;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Judges each observation of one series against that series' own recent behaviour at several time
 * scales, online, from statistics of the forecaster's residuals and of the raw values and times:
 * <ol>
 *   <li><b>spike</b>: the residual standardised by the series' robust residual location and scale
 *       (seeded from the median/MAD of its first 16 residuals, then exponentially weighted with
 *       deviations clipped at 5 scales), judged by the tail of this series' own standardised residuals
 *       beyond 3 ({@link PeakTail}: how often they go beyond 3 and by how much): a series whose
 *       residuals often run far out learns that, a calm one keeps a Gaussian-thin tail;</li>
 *   <li>per scale k: the <b>bias</b> (exponentially weighted mean over ≈ k observations of the
 *       standardised residual clipped at ±4: a persistent departure from the model — a level shift, or a
 *       seasonal break when the model is seasonal), the residual <b>spread</b> (log of the weighted mean
 *       square: variance), and the <b>level</b> of the raw values (their weighted mean at that scale
 *       against the long-run mean, in long-run standard deviations);</li>
 *   <li><b>trend</b>: the shortest scale's level minus the longest's;</li>
 *   <li><b>flatline</b>: a run of r unchanged values costs −log10 P(a change stops) − (r − 1)·log10 P(no change
 *       after no change), both learned from the series: a series that is often flat never surprises;</li>
 *   <li><b>silence</b> and <b>flood</b>: the log of the time since the previous event against its long-run
 *       mean and mean absolute deviation (silence, judged by the tail of this series' own gaps, so that a
 *       series with regular gaps learns them), and the recent mean of those logs (flood); a repeated or
 *       backward timestamp says nothing about the rate and is left out;</li>
 *   <li><b>seasonal break</b> (when the model has a season of at least {@value #MIN_SHAPE_SEASON}): the last
 *       season's shape — the means of its eight segments — against the shapes of the last
 *       {@code shapeMemory} segments' windows ({@link ShapeMemory}): the distance to the nearest, in
 *       standard deviations of the series, judged against its own history (a Gaussian on its log).
 *       A holiday in a taxi series is a day unlike any day of the last weeks, though no value of it
 *       is extreme.</li>
 * </ol>
 * Each statistic of steps 2–3 is judged against its own history: a Gaussian with its long-run mean
 * and variance (an anomaly likelihood, after Numenta's), and an envelope — the highest and lowest values
 * it took, decaying slowly toward its mean — beyond which it is new to this series (the spike's
 * surprise has an envelope too). The score is the strongest surprise (less one decade for the number
 * of statistics looked at), in decades over {@code tailDecades}; it is published only when it beats the
 * recent peak of surprises, decayed with {@code halfLife} and capped where the score reaches 1. An
 * incident — observations beating that peak, with gaps of at most {@value #INCIDENT_GAP} observations (or a
 * shape segment) — gives a score at its start, and again only where it has grown {@value #INCIDENT_GROWTH}
 * times beyond the score last given, or where it names for the first time the change its first value (a
 * spike) turned out to be: a growing incident gives a few scores, not one per row. What the reason names is
 * read as a cause (see {@link #reason}): a flatline explains what else looks odd; a persistent departure is
 * a level shift, a trend, a seasonal break or a wider spread by how the residuals and values behave.
 *
 * <p>Deterministic: no randomness, and the state is kept in memory exactly as it is written (floats
 * where floats are stored), so a restored detector continues bit-exactly.
 */
final class MultiScaleDetector implements AnomalyDetector {

    /**
     * Version 4: this detector. Versions 1 and 2 (the residual-likelihood detector) are migrated; version 3
     * (this detector before its learned tails, incidents and shape memory, never released) is not read.
     */
    static final byte VERSION = 4;
    private static final byte LEGACY_V1 = 1;
    private static final byte LEGACY_V2 = 2;

    private static final int SEED_SIZE = 16;
    private static final double CLIP = 5.0;
    private static final double MAX_SURPRISE = 30.0;
    private static final double SQRT_HALF_PI = Math.sqrt(Math.PI / 2);
    private static final double RELATIVE_SCALE_FLOOR = 1e-6;
    private static final double ABSOLUTE_SCALE_FLOOR = 1e-12;
    private static final double LN_1_5 = Math.log(1.5);
    /** Clip of the standardised residual in the bias and spread statistics: a lone spike moves them little. */
    private static final double Z_CLIP = 4.0;
    /** Floor of the variance a statistic is judged with (its history may be dead calm). */
    private static final double JUDGE_FLOOR = 0.03;
    /** Statistics judged before their judgement counts, and before their envelope does. */
    private static final int MIN_JUDGED = 100;
    private static final int MIN_ENVELOPE = 300;
    /** The envelope closes toward the mean by 1/ENVELOPE_MEMORY of the distance per observation. */
    private static final double ENVELOPE_MEMORY = 5000;
    /** One decade off the strongest surprise: several statistics are looked at each time. */
    private static final double MULTIPLE_TESTS = 1.0;
    /** Surprise weights: Gaussian judgement of bias; of spread, level and trend; envelopes; run; flood. */
    private static final double W_JUDGE = 1.0;
    private static final double W_JUDGE_SECONDARY = 0.5;
    private static final double W_ENVELOPE = 3.0;
    private static final double W_FLAT = 1.0;
    private static final double W_FLOOD = 0.5;
    private static final int FLOOD_SCALE = 16;
    private static final double ATTRIBUTION = 0.5;
    /** Naming: a run of unchanged values this surprising (decades) is the cause; residuals swinging both ways; growing. */
    private static final double FLAT_CAUSE = 3.0;
    private static final double SWING = 4.0;
    private static final double RECENT_DECAY = 0.9;
    /** Values beyond the usual range move it by this fraction of their excess. */
    private static final double RANGE_INTAKE = 32;
    /** Below this |z| a Gaussian judgement cannot beat the multiple-test decade: not worth its logarithm. */
    private static final double Z_RELEVANT = 1.5;
    /** Weight of the spike's tail surprise; of the silence's. */
    private static final double W_SPIKE = 1.0;
    private static final double W_SILENCE = 1.0;
    /** Tails of standardised residuals and log-gaps beyond 3: a Gaussian's to start with (rate, mean excess). */
    private static final double TAIL_FROM = 3.0;
    private static final double GAUSS_RATE = 0.0027;
    private static final double GAUSS_EXCESS = 0.283;
    private static final double TAIL_MEMORY = 5000;
    private static final double TAIL_EXCESS_MEMORY = 100;
    private static final double TAIL_PRIOR = 300;
    private static final double TAIL_PRIOR_EXCESSES = 3;
    /** Shape memory: segments of a season, the smallest season it runs for, its judgement. */
    private static final int SHAPE_SEGMENTS = 8;
    static final int MIN_SHAPE_SEASON = 2 * SHAPE_SEGMENTS;
    private static final int SHAPE_MIN_JUDGED = 30;
    private static final double SHAPE_MEMORY = 1000;
    /** Distances below this many standard deviations are all alike (noise): the log is taken of d + this. */
    private static final double SHAPE_FLOOR = 0.2;
    private static final double W_SHAPE = 3.0;
    /** A growing incident is published again when it grew to this many times the surprise last published. */
    private static final double INCIDENT_GROWTH = 1.5;
    /** An incident ends after this many observations (at least a shape segment) without a surprise beating the peak. */
    private static final int INCIDENT_GAP = 4;
    /** Winners that are not statistics of the arrays. */
    private static final int NONE = -1;
    private static final int SILENCE = -2;
    private static final int FLOOD = -3;
    private static final int FLAT = -4;
    private static final int SHAPE = -5;
    /** Incident state: whether one goes on, the surprise and kind it last published, observations since it beat the peak. */
    private static final int INCIDENT_BYTES = 1 + 8 + 4 + 1;
    /** The previous and the largest recent residual, the usual range of the values. */
    private static final int NAMING_BYTES = 4 * 4;

    private final AnomalyConfig config;
    private final int s;
    private final int stats;
    private final int bias0;
    private final int energy0;
    private final int level0;
    private final int trend;
    private final double valueWindow;

    private int n;
    private int residuals;
    private int judged;
    private int flatRun;
    private int gaps;
    private long lastTs = Long.MIN_VALUE;
    private double resMean;
    private double resScale;
    private double magnitude;
    private double lastValue = Double.NaN;
    private double peak;
    private float valMean;
    private float valVar;
    private float flatP;
    private float flatQ = 0.1f;
    private float gapMean;
    private float gapDev;
    private float gapShort;
    private final float[] level;
    private final float[] bias;
    private final float[] energy;
    private final float[] jMean;
    private final float[] jVar;
    private final float[] hi;
    private final float[] lo;
    private final double[] seed = new double[SEED_SIZE];
    private final PeakTail spikeTail = tail();
    private final PeakTail silenceTail = tail();
    /** Null without a season of at least MIN_SHAPE_SEASON or with shapeMemory 0. */
    private final ShapeMemory shape;
    /** Observations without a surprise beating the peak that end an incident. */
    private final int incidentGap;
    /** The peak's decay per observation: 0.5^(1/halfLife). */
    private final double peakDecay;
    private int shapeJudged;
    private float shapeMean;
    private float shapeVar;
    // the incident going on (each observation beating the peak) and the surprise it last published
    private boolean incident;
    private double published;
    private int quiet;
    private AnomalyKind publishedKind = AnomalyKind.SPIKE;
    /** The previous observation's standardised residual; the usual range of the values (decaying extremes). */
    private float prevZ;
    /** The largest recent |standardised residual|, decaying by RECENT_DECAY per observation. */
    private float recentZ;
    private float valHi;
    private float valLo;

    // the current observation: its statistics and the strongest surprise so far
    private final double[] stat;
    private double spikeZ;
    /** The standardised residual of this observation (0 without one); whether its value left the usual range. */
    private double zNow;
    private boolean outside;
    private double flatSurprise;
    private double energyBefore;
    private double biasBefore;
    private double best;
    private int winner;
    /** The strongest surprise of a statistic over several observations (any but the spike). */
    private double persistent;
    private int persistentWinner;
    private double rExpected;
    private double rActual;
    private int rScale;

    MultiScaleDetector(AnomalyConfig config) {
        this.config = config;
        this.s = config.scaleCount();
        this.bias0 = 1;
        this.energy0 = 1 + s;
        this.level0 = 1 + 2 * s;
        this.trend = 1 + 3 * s;
        this.stats = 2 + 3 * s;
        this.valueWindow = 2.0 * config.longWindow();
        this.level = new float[s];
        this.bias = new float[s];
        this.energy = new float[s];
        this.jMean = new float[stats];
        this.jVar = new float[stats];
        this.hi = new float[trend];
        this.lo = new float[trend];
        this.stat = new double[stats];
        this.shape = config.season() >= MIN_SHAPE_SEASON && config.shapeMemory() > 0
                ? new ShapeMemory(SHAPE_SEGMENTS, config.season() / SHAPE_SEGMENTS, config.shapeMemory()) : null;
        // the shape is judged once a segment: an incident it sees lasts at least that long
        this.incidentGap = Math.max(INCIDENT_GAP, shape == null ? 0 : shape.rows());
        this.peakDecay = Math.pow(0.5, 1.0 / config.halfLife());
    }

    private static PeakTail tail() {
        return new PeakTail(TAIL_FROM, GAUSS_RATE, GAUSS_EXCESS, TAIL_MEMORY, TAIL_EXCESS_MEMORY, TAIL_PRIOR,
                TAIL_PRIOR_EXCESSES);
    }

    @Override
    public Verdict observe(double value, double expected) {
        return observe(Long.MIN_VALUE, value, expected);
    }

    @Override
    public Verdict observeResidual(double residual) {
        return Double.isFinite(residual) ? observe(Long.MIN_VALUE, residual, 0.0) : Verdict.NONE;
    }

    @Override
    public Verdict observe(long timestamp, double value, double expected) {
        if (!Double.isFinite(value)) {
            return Verdict.NONE;
        }
        best = 0;
        zNow = 0;
        energyBefore = 0;
        biasBefore = 0;
        flatSurprise = 0;
        winner = NONE;
        persistent = 0;
        persistentWinner = NONE;
        boolean warm = n >= config.warmup();
        time(timestamp, warm);
        flatline(value, warm);
        if (n < Integer.MAX_VALUE) {
            n++;
        }
        double av = 1.0 / Math.min(n, valueWindow);
        double dv = value - valMean;
        valMean = (float) (valMean + av * dv);
        valVar = (float) ((1 - av) * (valVar + av * dv * dv));
        double sd = Math.sqrt(valVar) + RELATIVE_SCALE_FLOOR * Math.abs(valMean) + ABSOLUTE_SCALE_FLOOR;
        outside = n > 1 && (value > valHi + resScale || value < valLo - resScale);
        if (n == 1) {
            valHi = (float) value;
            valLo = (float) value;
        } else {
            // the range closes slowly toward the mean and takes in values beyond it slowly too, so that
            // the values of a change stay outside it for a while
            double h = valHi - (valHi - valMean) / ENVELOPE_MEMORY;
            double l = valLo - (valLo - valMean) / ENVELOPE_MEMORY;
            valHi = (float) (value > h ? h + (value - h) / RANGE_INTAKE : h);
            valLo = (float) (value < l ? l + (value - l) / RANGE_INTAKE : l);
        }
        for (int k = 0; k < s; k++) {
            double a = Math.max(2.0 / (config.scale(k) + 1), 1.0 / n);
            level[k] = (float) (level[k] + a * (value - level[k]));
        }
        if (shape != null) {
            shape(value, sd, warm);
        }
        boolean judge = false;
        if (Double.isFinite(expected)) {
            double residual = value - expected;
            double floor = RELATIVE_SCALE_FLOOR * Math.max(magnitude, Math.abs(value)) + ABSOLUTE_SCALE_FLOOR;
            if (residuals >= SEED_SIZE) {
                double z = (residual - resMean) / Math.max(resScale, floor);
                double zc = Math.max(-Z_CLIP, Math.min(Z_CLIP, z));
                stat[0] = Math.cbrt(Math.min(MAX_SURPRISE, Tails.twoSidedSurprise(z)));
                spikeZ = Math.abs(z);
                zNow = z;
                energyBefore = energy[0];
                biasBefore = bias[0];
                for (int k = 0; k < s; k++) {
                    double a = 2.0 / (config.scale(k) + 1);
                    bias[k] = (float) (bias[k] + a * (zc - bias[k]));
                    energy[k] = (float) (energy[k] + a * (zc * zc - energy[k]));
                    stat[bias0 + k] = bias[k];
                    stat[energy0 + k] = Math.log(energy[k] + 1e-3);
                }
                judge = true;
            }
            learnResidual(residual, Math.abs(value), floor);
        }
        for (int k = 0; k < s; k++) {
            stat[level0 + k] = (level[k] - valMean) / sd;
        }
        stat[trend] = (level[0] - level[s - 1]) / sd;
        if (judge) {
            if (warm && judged >= MIN_JUDGED) {
                judgeAll(judged >= MIN_ENVELOPE);
            }
            learnStatistics();
            spikeTail.learn(spikeZ);
        }
        Verdict v = verdict(value, expected);
        prevZ = (float) zNow;
        recentZ = (float) Math.max(Math.abs(zNow), RECENT_DECAY * recentZ);
        return v;
    }

    /** The last season's shape against the shapes in memory, when a segment completes. */
    private void shape(double value, double sd, boolean warm) {
        double distance = shape.observe(value, sd);
        if (Double.isNaN(distance)) {
            return;
        }
        double x = Math.log(distance + SHAPE_FLOOR);
        if (warm && shapeJudged >= SHAPE_MIN_JUDGED) {
            double z = (x - shapeMean) / Math.sqrt(Math.max(shapeVar, JUDGE_FLOOR));
            if (z > Z_RELEVANT) {
                consider(W_SHAPE * Tails.upperSurprise(z), SHAPE);
            }
        }
        if (shapeJudged < Integer.MAX_VALUE) {
            shapeJudged++;
        }
        double a = 1.0 / Math.min(shapeJudged, SHAPE_MEMORY);
        double d = x - shapeMean;
        shapeMean = (float) (shapeMean + a * d);
        shapeVar = (float) ((1 - a) * (shapeVar + a * d * d));
    }

    private void judgeAll(boolean envelopes) {
        consider(W_SPIKE * spikeTail.surprise(spikeZ), 0);
        for (int k = 0; k < s; k++) {
            gauss(bias0 + k, W_JUDGE, false);
            gauss(energy0 + k, W_JUDGE_SECONDARY, false);
            gauss(level0 + k, W_JUDGE_SECONDARY, false);
        }
        gauss(trend, W_JUDGE_SECONDARY, false);
        if (envelopes) {
            for (int j = 0; j < trend; j++) {
                double spread = Math.max(Math.sqrt(Math.max(jVar[j], 0)), 1e-9 + 1e-6 * Math.abs(jMean[j]));
                double e = Math.max(stat[j] - hi[j], lo[j] - stat[j]) / spread;
                if (e > 0) {
                    consider(W_ENVELOPE * e, j);
                }
            }
        }
    }

    private void gauss(int j, double weight, boolean upperOnly) {
        double z = (stat[j] - jMean[j]) / Math.sqrt(Math.max(jVar[j], JUDGE_FLOOR));
        if (Math.abs(z) < Z_RELEVANT || (upperOnly && z <= 0)) {
            return;
        }
        consider(weight * Tails.twoSidedSurprise(z), j);
    }

    private void learnStatistics() {
        if (judged < Integer.MAX_VALUE) {
            judged++;
        }
        double a = 1.0 / Math.min(judged, config.longWindow());
        double e = 1.0 / ENVELOPE_MEMORY;
        for (int j = 0; j < stats; j++) {
            double d = stat[j] - jMean[j];
            jMean[j] = (float) (jMean[j] + a * d);
            jVar[j] = (float) ((1 - a) * (jVar[j] + a * d * d));
            if (j < trend) {
                if (judged == 1) {
                    hi[j] = (float) stat[j];
                    lo[j] = (float) stat[j];
                } else {
                    hi[j] = (float) Math.max(stat[j], hi[j] - e * (hi[j] - jMean[j]));
                    lo[j] = (float) Math.min(stat[j], lo[j] - e * (lo[j] - jMean[j]));
                }
            }
        }
    }

    /** Silence (a long gap before this event) and flood (recent gaps far shorter than usual). */
    private void time(long timestamp, boolean warm) {
        if (timestamp == Long.MIN_VALUE) {
            return;
        }
        if (lastTs != Long.MIN_VALUE && timestamp <= lastTs) {
            return; // a repeated or backward stamp: no gap to learn from
        }
        if (lastTs != Long.MIN_VALUE) {
            double gap = (double) timestamp - lastTs;
            double lg = Math.log(gap);
            double shortNext = gaps == 0 ? lg : gapShort + (lg - gapShort) / FLOOD_SCALE;
            if (gaps >= FLOOD_SCALE && warm) {
                double dev = Math.max(gapDev, LN_1_5);
                double silence = (lg - gapMean) / dev;
                considerTime(W_SILENCE * silenceTail.surprise(silence), AnomalyKind.SILENCE, gap, 1);
                silenceTail.learn(Math.max(0, silence));
                // the recent mean of FLOOD_SCALE log-gaps varies √(2·FLOOD_SCALE − 1) times less than one
                double flood = (gapMean - shortNext) / dev * Math.sqrt(2.0 * FLOOD_SCALE - 1) / 2;
                if (flood > Z_RELEVANT) {
                    considerTime(W_FLOOD * Tails.upperSurprise(flood), AnomalyKind.FLOOD, Math.exp(shortNext),
                            FLOOD_SCALE);
                }
            }
            if (gaps < Integer.MAX_VALUE) {
                gaps++;
            }
            double a = 1.0 / Math.min(gaps, valueWindow);
            double d = lg - gapMean;
            gapMean = (float) (gapMean + a * d);
            gapDev = (float) (gapDev + a * (Math.abs(d) - gapDev));
            gapShort = (float) shortNext;
        }
        lastTs = timestamp;
    }

    private void considerTime(double surprise, AnomalyKind kind, double actualMs, int scale) {
        if (surprise > best) {
            best = surprise;
            winner = kind == AnomalyKind.SILENCE ? SILENCE : FLOOD;
            rExpected = Math.exp(gapMean);
            rActual = actualMs;
            rScale = scale;
        }
    }

    /** A run of unchanged values, against how often this series' values stop and stay unchanged. */
    private void flatline(double value, boolean warm) {
        boolean flat = !Double.isNaN(lastValue)
                && Math.abs(value - lastValue) <= 1e-9 * Math.max(Math.abs(value), Math.abs(lastValue)) + 1e-12;
        boolean wasFlat = flatRun > 0;
        if (flat) {
            flatRun = Math.min(flatRun + 1, Integer.MAX_VALUE - 1);
            if (warm) {
                double p = Math.max(flatP, 1.0 / valueWindow);
                double q = Math.min(Math.max(flatQ, 1e-3), 1 - 1.0 / valueWindow);
                double surprise = W_FLAT * (-Math.log10(p) - (flatRun - 1) * Math.log10(q));
                flatSurprise = surprise;
                if (surprise > best) {
                    best = surprise;
                    winner = FLAT;
                }
                if (surprise > persistent) {
                    persistent = surprise;
                    persistentWinner = FLAT;
                }
            }
        }
        if (!Double.isNaN(lastValue)) {
            double a = 1.0 / Math.min(Math.max(n, 1), valueWindow);
            if (wasFlat) {
                flatQ = (float) (flatQ + Math.max(a, 1.0 / 50) * ((flat ? 1 : 0) - flatQ));
            }
            flatP = (float) (flatP + a * ((flat ? 1 : 0) - flatP));
        }
        if (!flat) {
            flatRun = 0;
        }
        lastValue = value;
    }

    private void consider(double surprise, int j) {
        if (surprise > best) {
            best = surprise;
            winner = j;
        }
        if (j > 0 && surprise > persistent && persistentWinner != FLAT) {
            persistent = surprise;
            persistentWinner = j;
        }
    }

    /**
     * The strongest surprise as a score, when it beats the recent peak: at the start of an incident, and
     * again within it where it grew INCIDENT_GROWTH times beyond what was last published.
     */
    private Verdict verdict(double value, double expected) {
        double raw = Math.max(0, best - MULTIPLE_TESTS);
        double previous = peak;
        // the peak never exceeds what scores 1: a wilder surprise must not silence the series for longer
        peak = Math.min(config.tailDecades(), Math.max(raw, peak * peakDecay));
        if (!(raw > previous) || winner == NONE) {
            if (incident && ++quiet > incidentGap) {
                incident = false;
            }
            return Verdict.NONE;
        }
        quiet = 0;
        if (incident && raw < published) {
            return Verdict.NONE;
        }
        Reason r = reason(value, expected);
        // within an incident, only a score grown INCIDENT_GROWTH times, or the first that names the change
        // an incident's first value (read as a spike) turned out to be, is published again
        boolean renamed = publishedKind == AnomalyKind.SPIKE && r.kind() != AnomalyKind.SPIKE;
        if (incident && raw < INCIDENT_GROWTH * published && !renamed) {
            return Verdict.NONE;
        }
        incident = true;
        published = raw;
        publishedKind = r.kind();
        return publish(raw, r);
    }

    private Verdict publish(double raw, Reason reason) {
        double score = Math.min(1, raw / config.tailDecades());
        return new Verdict(score, score >= config.threshold(), reason);
    }

    /**
     * The kind the reason names. Mostly the strongest surprise's, but read as a cause:
     * <ul>
     *   <li>a run of unchanged values that is itself unlikely for this series (over {@value #FLAT_CAUSE}
     *       decades) explains whatever else looks odd: flatline;</li>
     *   <li>an odd residual right after another odd one on the same side is not a spike but a persistent
     *       departure, and so is a spike close to the strongest statistic of several observations;</li>
     *   <li>a persistent departure from the model's expectation is a change of variance when the residuals
     *       swing both ways (their mean square over {@value #SWING} times their squared mean); else, when
     *       the value left the series' usual range (by more than a residual scale), a trend if the departure
     *       built up without a jump (this residual is the largest of the recent ones) or the levels of all
     *       scales are ordered with an unusual trend statistic, a level shift if not; and when the value
     *       stays within its usual range, a seasonal break for a seasonal series (usual values at the wrong
     *       time), a level shift otherwise. A season unlike the recent ones (the shape memory) is named the
     *       same way, with the windows' means as expected and actual.</li>
     * </ul>
     * The first odd value of a level shift or of a wider spread cannot be told from a spike: it is named
     * spike, and the change is named when the incident's score is published again.
     */
    private Reason reason(double value, double expected) {
        if (flatRun >= 2 && flatSurprise >= FLAT_CAUSE) {
            return new Reason(AnomalyKind.FLATLINE, resScale, 0, flatRun);
        }
        if (winner == 0 && Math.abs(prevZ) > TAIL_FROM && Math.signum(prevZ) == Math.signum(zNow)) {
            winner = bias0;
        }
        double spread = (Math.log(energyBefore + 1e-3) - jMean[energy0]) / Math.sqrt(Math.max(jVar[energy0], JUDGE_FLOOR));
        if (winner == 0 && spread >= 3 && energyBefore > SWING * biasBefore * biasBefore) {
            // an odd value among residuals that already swung wide both ways before it
            return new Reason(AnomalyKind.VARIANCE, resScale, resScale * Math.sqrt(energy[0]), config.scale(0));
        }
        if (persistentWinner != NONE && persistentWinner != winner && persistent >= ATTRIBUTION * best
                && (winner == 0 || persistentWinner == FLAT)) {
            winner = persistentWinner;
        }
        if (winner == SILENCE) {
            return new Reason(AnomalyKind.SILENCE, rExpected, rActual, rScale);
        }
        if (winner == FLOOD) {
            return new Reason(AnomalyKind.FLOOD, rExpected, rActual, rScale);
        }
        if (winner == FLAT) {
            return new Reason(AnomalyKind.FLATLINE, resScale, 0, flatRun);
        }
        if (winner == SHAPE) {
            // a season unlike the recent ones: its mean against the nearest recent season's
            AnomalyKind kind = departure(0);
            return kind == AnomalyKind.SEASONAL_BREAK || kind == AnomalyKind.LEVEL_SHIFT
                    ? new Reason(kind, shape.nearestMean(), shape.currentMean(), shape.length())
                    : departureReason(kind, 0, expected);
        }
        if (winner == 0) {
            return new Reason(AnomalyKind.SPIKE, expected, value, 1);
        }
        if (winner == trend) {
            return trendReason();
        }
        int k = (winner - 1) % s;
        int scale = config.scale(k);
        if (winner < energy0) {
            return departureReason(departure(k), k, expected);
        }
        if (winner < level0) {
            return new Reason(AnomalyKind.VARIANCE, resScale, resScale * Math.sqrt(energy[k]), scale);
        }
        return new Reason(AnomalyKind.LEVEL_SHIFT, valMean, level[k], scale);
    }

    /** The kind of a persistent departure from the model's expectation seen at scale k (see {@link #reason}). */
    private AnomalyKind departure(int k) {
        if (energy[k] > SWING * bias[k] * bias[k] && unusual(energy0 + k)) {
            return AnomalyKind.VARIANCE;
        }
        if (outside || config.season() == 0) {
            // a departure that built up without a jump: this residual is the largest of the recent ones
            boolean growing = Math.abs(zNow) >= recentZ;
            return growing || (unusual(trend) && ordered()) ? AnomalyKind.TREND : AnomalyKind.LEVEL_SHIFT;
        }
        return AnomalyKind.SEASONAL_BREAK;
    }

    private Reason departureReason(AnomalyKind kind, int k, double expected) {
        return switch (kind) {
            case VARIANCE -> new Reason(AnomalyKind.VARIANCE, resScale, resScale * Math.sqrt(energy[k]), config.scale(k));
            case TREND -> trendReason();
            default -> new Reason(kind, expected, expected + bias[k] * resScale, config.scale(k));
        };
    }

    private Reason trendReason() {
        int span = config.scale(s - 1) - config.scale(0);
        double slope = (level[0] - level[s - 1]) / (span / 2.0);
        double usual = jMean[trend] * Math.sqrt(valVar) / (span / 2.0);
        return new Reason(AnomalyKind.TREND, usual, slope, config.scale(s - 1));
    }

    /** Whether statistic j is at least 3 of its standard deviations from its mean. */
    private boolean unusual(int j) {
        return Math.abs(stat[j] - jMean[j]) >= 3 * Math.sqrt(Math.max(jVar[j], JUDGE_FLOOR));
    }

    /** Whether the levels of the scales are strictly ordered (each shorter scale beyond the longer one). */
    private boolean ordered() {
        boolean up = true;
        boolean down = true;
        for (int k = 1; k < s; k++) {
            up &= level[k - 1] > level[k];
            down &= level[k - 1] < level[k];
        }
        return up || down;
    }

    private void learnResidual(double residual, double absValue, double floor) {
        if (residuals < SEED_SIZE) {
            seed[residuals] = residual;
        }
        if (residuals < Integer.MAX_VALUE) {
            residuals++;
        }
        double a = 1.0 / Math.min(residuals, config.residualWindow());
        magnitude += a * (absValue - magnitude);
        if (residuals == SEED_SIZE) {
            double[] sorted = seed.clone();
            Arrays.sort(sorted);
            resMean = (sorted[SEED_SIZE / 2 - 1] + sorted[SEED_SIZE / 2]) / 2;
            double[] dev = new double[SEED_SIZE];
            for (int i = 0; i < SEED_SIZE; i++) {
                dev[i] = Math.abs(seed[i] - resMean);
            }
            Arrays.sort(dev);
            resScale = 1.4826 * (dev[SEED_SIZE / 2 - 1] + dev[SEED_SIZE / 2]) / 2;
        } else if (residuals > SEED_SIZE) {
            double limit = CLIP * Math.max(resScale, floor);
            double d = Math.max(-limit, Math.min(limit, residual - resMean));
            resMean += a * d;
            resScale += a * (Math.abs(d) * SQRT_HALF_PI - resScale);
        }
    }

    @Override
    public byte[] snapshot() {
        int seeds = residuals < SEED_SIZE ? residuals : 0;
        ByteBuffer b = ByteBuffer.allocate(2 + 5 * 4 + 8 + 5 * 8 + 7 * 4 + 4 * (3 * s + 2 * stats + 2 * trend) + 8 * seeds
                + 2 * PeakTail.BYTES + INCIDENT_BYTES + NAMING_BYTES + 8 + (shape == null ? 0 : 12 + shape.bytes()));
        b.put(VERSION).put((byte) s);
        b.putInt(shape == null ? 0 : shape.rows()).putInt(shape == null ? 0 : shape.capacity());
        b.putInt(n).putInt(residuals).putInt(judged).putInt(flatRun).putInt(gaps).putLong(lastTs);
        b.putDouble(resMean).putDouble(resScale).putDouble(magnitude).putDouble(lastValue).putDouble(peak);
        b.putFloat(valMean).putFloat(valVar).putFloat(flatP).putFloat(flatQ).putFloat(gapMean).putFloat(gapDev)
                .putFloat(gapShort);
        for (float[] a : new float[][] {level, bias, energy, jMean, jVar, hi, lo}) {
            for (float f : a) {
                b.putFloat(f);
            }
        }
        for (int i = 0; i < seeds; i++) {
            b.putDouble(seed[i]);
        }
        spikeTail.write(b);
        silenceTail.write(b);
        b.put((byte) (incident ? 1 : 0)).putDouble(published).putInt(quiet).put((byte) publishedKind.ordinal());
        b.putFloat(prevZ).putFloat(recentZ).putFloat(valHi).putFloat(valLo);
        if (shape != null) {
            b.putInt(shapeJudged).putFloat(shapeMean).putFloat(shapeVar);
            shape.write(b);
        }
        return b.array();
    }

    static MultiScaleDetector restore(AnomalyConfig config, byte[] state) {
        ByteBuffer b = ByteBuffer.wrap(state);
        try {
            byte version = b.get();
            if (version == LEGACY_V1 || version == LEGACY_V2) {
                return migrate(config, b, version);
            }
            if (version != VERSION) {
                throw new IllegalArgumentException("anomaly detector state: version " + version
                        + " is not a supported version (" + LEGACY_V1 + ", " + LEGACY_V2 + " or " + VERSION + ")");
            }
            int scales = b.get();
            if (scales != config.scaleCount()) {
                throw new IllegalArgumentException("anomaly detector state was saved with " + scales
                        + " scales but the config has " + config.scaleCount() + " (streamcast.anomaly.scales)");
            }
            MultiScaleDetector d = new MultiScaleDetector(config);
            int shapeRows = b.getInt();
            int shapeCapacity = b.getInt();
            int expectedRows = d.shape == null ? 0 : d.shape.rows();
            int expectedCapacity = d.shape == null ? 0 : d.shape.capacity();
            if (shapeRows != expectedRows || shapeCapacity != expectedCapacity) {
                throw new IllegalArgumentException("anomaly detector state was saved with a shape memory of "
                        + shapeCapacity + " segments of " + shapeRows + " observations but the config gives "
                        + expectedCapacity + " of " + expectedRows + " (streamcast.anomaly.season, shape-memory)");
            }
            d.n = b.getInt();
            d.residuals = b.getInt();
            d.judged = b.getInt();
            d.flatRun = b.getInt();
            d.gaps = b.getInt();
            d.lastTs = b.getLong();
            d.resMean = b.getDouble();
            d.resScale = b.getDouble();
            d.magnitude = b.getDouble();
            d.lastValue = b.getDouble();
            d.peak = b.getDouble();
            d.valMean = b.getFloat();
            d.valVar = b.getFloat();
            d.flatP = b.getFloat();
            d.flatQ = b.getFloat();
            d.gapMean = b.getFloat();
            d.gapDev = b.getFloat();
            d.gapShort = b.getFloat();
            for (float[] a : new float[][] {d.level, d.bias, d.energy, d.jMean, d.jVar, d.hi, d.lo}) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = b.getFloat();
                }
            }
            for (int i = 0; i < (d.residuals < SEED_SIZE ? d.residuals : 0); i++) {
                d.seed[i] = b.getDouble();
            }
            d.spikeTail.read(b);
            d.silenceTail.read(b);
            d.incident = b.get() == 1;
            d.published = b.getDouble();
            d.quiet = b.getInt();
            int kind = b.get();
            if (kind < 0 || kind >= AnomalyKind.values().length) {
                throw new IllegalArgumentException("anomaly detector state: unknown kind " + kind);
            }
            d.publishedKind = AnomalyKind.values()[kind];
            d.prevZ = b.getFloat();
            d.recentZ = b.getFloat();
            d.valHi = b.getFloat();
            d.valLo = b.getFloat();
            if (d.shape != null) {
                d.shapeJudged = b.getInt();
                d.shapeMean = b.getFloat();
                d.shapeVar = b.getFloat();
                d.shape.read(b);
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException("anomaly detector state: " + b.remaining() + " unexpected trailing bytes");
            }
            return d;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("anomaly detector state is truncated (" + state.length + " bytes)", e);
        }
    }

    /**
     * State of the previous detector (versions 1 and 2, the residual likelihood): its residual count,
     * robust location and scale, seed residuals and magnitude carry over; the multi-scale statistics
     * start afresh, so the series scores nothing for its next {@value #MIN_JUDGED} observations.
     */
    private static MultiScaleDetector migrate(AnomalyConfig config, ByteBuffer b, byte version) {
        int slots = b.getInt();
        b.getInt(); // the refractory countdown: there is no refractory period any more
        long count = b.getLong();
        MultiScaleDetector d = new MultiScaleDetector(config);
        d.residuals = (int) Math.min(count, Integer.MAX_VALUE);
        d.resMean = b.getDouble();
        d.resScale = b.getDouble();
        int seeds = version == LEGACY_V1 ? SEED_SIZE : (count < SEED_SIZE ? (int) Math.max(0, count) : 0);
        for (int i = 0; i < seeds; i++) {
            double v = b.getDouble();
            if (i < SEED_SIZE) {
                d.seed[i] = v;
            }
        }
        d.magnitude = b.getDouble();
        b.getInt();
        b.getInt();
        for (int i = 0; i < slots; i++) {
            b.getDouble();
        }
        b.getLong();
        b.getDouble();
        b.getDouble();
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("anomaly detector state (version " + version + "): " + b.remaining()
                    + " unexpected trailing bytes");
        }
        d.n = d.residuals;
        return d;
    }
}
