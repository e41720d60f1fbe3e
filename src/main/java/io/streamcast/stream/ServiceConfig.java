package io.streamcast.stream;

import io.streamcast.model.Seasons;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everything the topology needs, built by {@link #from(Map)} from namespaced {@code streamcast.*}
 * keys. Unknown or malformed {@code streamcast.*} keys are rejected by name; every other key is a
 * Kafka client or Streams property and passes through untouched (SASL/SSL included) in
 * {@link #kafka()}. Every key, its default and its meaning are defined once in {@link ServiceKeys} (the topology's),
 * {@link io.streamcast.model.SettingKeys} (the models') and {@link io.streamcast.anomaly.AnomalyConfig#KEYS} (the
 * detector's); docs/configuration.md shows the tables generated from them.
 */
public record ServiceConfig(Topics topics, InputFormat inputFormat, int maxSeriesIdLength, int seriesCache,
        Resample resample, Audio audio,
        SeriesSettings defaults, long seed, int batchSize, Duration batchInterval, int checkpointBatches,
        List<Rule> rules, Map<String, String> modelSettings, Map<String, String> kafka, StoreMemory storeMemory,
        InputLimits inputLimits, OutputTimestamp outputTimestamp) {

    public static final String PREFIX = "streamcast.";

    public ServiceConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(inputFormat, "inputFormat");
        Objects.requireNonNull(resample, "resample");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(batchInterval, "batchInterval");
        Objects.requireNonNull(storeMemory, "storeMemory");
        Objects.requireNonNull(inputLimits, "inputLimits");
        Objects.requireNonNull(outputTimestamp, "outputTimestamp");
        if (maxSeriesIdLength < 1 || seriesCache < 1 || batchSize < 1 || checkpointBatches < 1) {
            throw new IllegalArgumentException("maxSeriesIdLength, seriesCache, batchSize and checkpointBatches must be"
                    + " positive: " + maxSeriesIdLength + ", " + seriesCache + ", " + batchSize + ", "
                    + checkpointBatches);
        }
        rules = List.copyOf(rules);
        modelSettings = Collections.unmodifiableMap(new TreeMap<>(modelSettings));
        kafka = Collections.unmodifiableMap(new LinkedHashMap<>(kafka));
    }

    /** The defaults of every key, no Kafka properties. */
    public static ServiceConfig ofDefaults() {
        return from(Map.of());
    }

    /**
     * How a {@code values} frame becomes scalar series: its {@link io.streamcast.series.AudioFeatures} at
     * {@code sampleRate} with {@code bandEdgesHz}, each feature a sub-series {@code SERIES/NAME}; a frame of
     * more than {@code maxFrame} samples is dead-lettered.
     */
    public record Audio(int sampleRate, List<Double> bandEdgesHz, int maxFrame) {
        static final double[] DEFAULT_EDGES_HZ = {0, 500, 1000, 2000, 4000, 8000};

        public Audio {
            if (sampleRate < 1 || maxFrame < 2) {
                throw new IllegalArgumentException("audio sample rate must be ≥ 1 Hz and max frame ≥ 2 samples: "
                        + sampleRate + ", " + maxFrame);
            }
            bandEdgesHz = List.copyOf(bandEdgesHz);
        }

        /** The default edges below the Nyquist frequency, closed by it: 16 kHz → 0..8000, 8 kHz → 0..4000. */
        static List<Double> defaultEdges(int sampleRate) {
            double nyquist = sampleRate / 2.0;
            List<Double> edges = new ArrayList<>();
            for (double e : DEFAULT_EDGES_HZ) {
                if (e < nyquist) {
                    edges.add(e);
                }
            }
            edges.add(nyquist);
            return edges;
        }

        /** A new feature extractor (they are not thread-safe: one per stream task). */
        public io.streamcast.series.AudioFeatures features() {
            return new io.streamcast.series.AudioFeatures(sampleRate,
                    bandEdgesHz.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /**
     * One budget of off-heap memory for every RocksDB state store of the process ({@link BoundedRocksDbMemory}):
     * {@code bytes} of block cache that also holds index and filter blocks and is charged for memtables, of which
     * memtables may take {@code writeBufferShare}. {@code bytes} 0 leaves Kafka Streams' defaults (per store: a
     * 50 MB block cache and up to three 16 MB memtables, index and filters outside any bound).
     */
    public record StoreMemory(long bytes, double writeBufferShare) {
        /** The default budget: 128 MB, half of it for memtables ({@link ServiceKeys#ROCKSDB_MEMORY}). */
        public static final StoreMemory DEFAULT = new StoreMemory(ServiceKeys.ROCKSDB_MEMORY.defaultValue(),
                ServiceKeys.WRITE_BUFFER_SHARE.defaultValue());

        public StoreMemory {
            if (bytes < 0 || !(writeBufferShare > 0 && writeBufferShare < 1)) {
                throw new IllegalArgumentException("RocksDB memory must be ≥ 0 bytes and its write-buffer share in (0, 1): "
                        + bytes + ", " + writeBufferShare);
            }
        }

        public boolean bounded() {
            return bytes > 0;
        }
    }

    /**
     * What one input record may be before it is parsed and what its event time may be: at most {@code maxBytes}
     * of key, value and headers, and a {@code ts} at most {@code maxAhead} after (and {@code maxBehind} before)
     * the record's own timestamp — zero meaning no limit. The record timestamp is the clock: it is in the record,
     * so a replay judges every event as the live run did, and a Kafka 4 broker already refuses records stamped
     * more than an hour ahead of its own clock ({@code message.timestamp.after.max.ms}).
     */
    public record InputLimits(int maxBytes, Duration maxAhead, Duration maxBehind) {
        public InputLimits {
            Objects.requireNonNull(maxAhead, "maxAhead");
            Objects.requireNonNull(maxBehind, "maxBehind");
            if (maxBytes < 1 || maxAhead.isNegative() || maxBehind.isNegative()) {
                throw new IllegalArgumentException("input limits must be positive (bytes) and not negative (times): "
                        + maxBytes + ", " + maxAhead + ", " + maxBehind);
            }
        }
    }

    /**
     * Which timestamp the records the service writes carry (forecasts, anomalies, scores, dead letters); the event's
     * own time is in the payload either way ({@code origin}, {@code ts}).
     * <ul>
     *   <li>{@code PUBLISH} (the default): the wall-clock time the service publishes the record. Kafka deletes a
     *       record by its timestamp ({@code retention.ms}) and keeps a producer's exactly-once state only while the
     *       producer has records in the log, so an output stamped with the time it is written lives for the topic's
     *       retention whatever the age of the events: a backfill of last quarter is not deleted at the broker's next
     *       retention check.</li>
     *   <li>{@code EVENT}: the time of the event (the forecast's origin, the scored step, the dead-lettered input's
     *       record time), as Kafka Streams propagates timestamps by default — the same on every run, which golden
     *       files compare. Only safe on topics that keep old timestamps ({@code retention.ms=-1}); the service
     *       checks that at start.</li>
     * </ul>
     */
    public enum OutputTimestamp { PUBLISH, EVENT }

    /** How input records are read. */
    public enum InputFormat { AUTO, JSON, CSV }

    /** How events within one window become one value. */
    public enum Aggregation { MEAN, LAST, SUM }

    /** What happens when whole windows are missing between two values. */
    public enum GapPolicy { SKIP, FILL, RESET }

    /** Topic names; {@code scores} empty when the scores topic is off; {@code inputPattern} replaces {@code input}. */
    public record Topics(List<String> input, Optional<Pattern> inputPattern, String forecasts, String anomalies,
            Optional<String> scores, String dlq) {
        public Topics {
            input = List.copyOf(input);
            Objects.requireNonNull(inputPattern, "inputPattern");
            Objects.requireNonNull(scores, "scores");
            if (input.isEmpty() == inputPattern.isEmpty()) {
                throw new IllegalArgumentException("give either input topics or an input pattern, not both and not"
                        + " neither: " + input + " / " + inputPattern);
            }
            for (String t : List.of(forecasts, anomalies, dlq)) {
                if (t == null || t.isBlank()) {
                    throw new IllegalArgumentException("output topic names must not be blank: forecasts=" + forecasts
                            + ", anomalies=" + anomalies + ", dlq=" + dlq);
                }
            }
        }
    }

    /** Event-time resampling: {@code step} zero means every event is one step. */
    public record Resample(Duration step, Duration grace, Aggregation aggregation, GapPolicy gap, int maxFill) {
        public Resample {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(grace, "grace");
            Objects.requireNonNull(aggregation, "aggregation");
            Objects.requireNonNull(gap, "gap");
            if (step.isNegative() || grace.isNegative() || maxFill < 0) {
                throw new IllegalArgumentException("resample step, grace and max-fill must not be negative: "
                        + step + ", " + grace + ", " + maxFill);
            }
        }
    }

    /**
     * What one series runs with: model name, lags (0 = model default), horizon, step, anomaly
     * threshold (NaN = the detector's default) and seasonal periods (empty = {@code
     * streamcast.model.season}, which detects them by default).
     */
    public record SeriesSettings(String model, int lags, int horizon, Duration step, double threshold,
            Optional<Seasons> seasons) {
        public SeriesSettings {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(seasons, "seasons");
            if (model.isBlank() || lags < 0 || horizon < 1 || step.isNegative()
                    || !(Double.isNaN(threshold) || threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("series settings: model " + model + ", lags " + lags + ", horizon "
                        + horizon + ", step " + step + ", threshold " + threshold);
            }
        }
    }

    /** A per-series rule: series ids matching {@code match} get the non-empty overrides. */
    public record Rule(String name, Pattern match, Optional<String> model, Optional<Integer> lags,
            Optional<Integer> horizon, Optional<Duration> step, Optional<Double> threshold,
            Optional<Seasons> seasons) {
        public Rule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(match, "match");
        }

        SeriesSettings apply(SeriesSettings s) {
            return new SeriesSettings(model.orElse(s.model()), lags.orElse(s.lags()), horizon.orElse(s.horizon()),
                    step.orElse(s.step()), threshold.orElse(s.threshold()), seasons.isPresent() ? seasons : s.seasons());
        }
    }

    /** The settings of one series: the first rule (in name order) whose glob matches, else the defaults. */
    public SeriesSettings settingsFor(String series) {
        for (Rule r : rules) {
            if (r.match().matcher(series).matches()) {
                return r.apply(defaults);
            }
        }
        return defaults;
    }

    /** Every model name the configuration may use (default and rules), sorted. */
    public List<String> modelNames() {
        TreeSet<String> names = new TreeSet<>();
        names.add(defaults.model());
        rules.forEach(r -> r.model().ifPresent(names::add));
        return List.copyOf(names);
    }

    /** Builds the configuration; throws {@link IllegalArgumentException} naming the first bad key. */
    public static ServiceConfig from(Map<String, String> properties) {
        return ServiceConfigReader.read(properties);
    }
}
