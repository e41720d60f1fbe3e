package io.streamcast.stream;

import io.streamcast.model.Seasons;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Everything the topology needs, built by {@link #from(Map)} from namespaced {@code streamcast.*}
 * keys. Unknown or malformed {@code streamcast.*} keys are rejected by name; every other key is a
 * Kafka client or Streams property and passes through untouched (SASL/SSL included) in
 * {@link #kafka()}.
 *
 * <p>Keys and defaults:
 * <pre>
 * streamcast.topics.input            streamcast.events   comma-separated list
 * streamcast.topics.input.pattern    (unset)             regex instead of the list (not both)
 * streamcast.topics.forecasts        streamcast.forecasts
 * streamcast.topics.anomalies        streamcast.anomalies
 * streamcast.topics.scores           (empty = off)       every event's score, e.g. streamcast.scores
 * streamcast.topics.dlq              streamcast.dlq
 * streamcast.output.timestamp        publish             the timestamp of every output record: publish (the time the service
 *                                                        publishes it) or event (the time of the event it is about)
 * streamcast.input.format            auto                auto|json|csv (auto: '{' starts JSON, else CSV)
 * streamcast.input.max-bytes         524288              key + value + headers of one record; a larger record is
 *                                                        dead-lettered (too-large) before it is parsed
 * streamcast.input.max-ahead         1h                  an event whose ts is further ahead of its record's timestamp
 *                                                        is dead-lettered (invalid-timestamp); 0 = no limit
 * streamcast.input.max-behind        0                   the same for ts behind the record's timestamp; 0 = no limit
 * streamcast.series.max-id-length    256
 * streamcast.series.cache            10000               series per model configuration held in memory by this instance,
 *                                                        split evenly among its stream tasks (LRU; the rest in the store)
 * streamcast.audio.sample-rate       16000               Hz of the samples in a {@code values} frame
 * streamcast.audio.bands             0,500,1000,2000,4000,8000   band edges in Hz (default: these, cut at the Nyquist frequency)
 * streamcast.audio.max-frame         16384               samples; a longer frame is dead-lettered
 * streamcast.resample.step           0                   0 = every event is one step; else PT1M, 10s, ...
 * streamcast.resample.grace          0                   how long past a window's end late events still count
 * streamcast.resample.aggregation    mean                mean|last|sum
 * streamcast.resample.gap            fill                skip|fill|reset (fill interpolates linearly)
 * streamcast.resample.max-fill       1000                a longer gap resets the series instead of filling
 * streamcast.model                   ar                  model name in the engine registry
 * streamcast.lags                    0                   0 = the model's default
 * streamcast.horizon                 10
 * streamcast.anomaly.threshold       (detector default)  score at or above which an event is flagged
 * streamcast.anomaly.*               other anomaly detector settings, passed to the detector
 * streamcast.model.NAME.*, streamcast.model.season, streamcast.intervals.*   model settings, passed to the engines
 *                                    (a key no model or detector reads is refused by name: {@link KnownSettings})
 * streamcast.seed                    42
 * streamcast.batch.size              64                  records buffered before one engine call
 * streamcast.batch.interval          100ms               flush a smaller batch after this long (wall clock)
 * streamcast.checkpoint.batches      100                 shared (network) state checkpoint every N batches
 * streamcast.rocksdb.memory          128MB               off-heap bytes for all RocksDB stores of the process (block
 *                                                        cache, index and filter blocks, memtables); 0 = Kafka Streams' per-store defaults
 * streamcast.rocksdb.write-buffer-share  0.5             part of that memory memtables may take
 * streamcast.rules.NAME.match        glob over series ids ({@code *}, {@code ?}, {@code [0-3]}, {@code {a,b}}: see
 *                                    {@link io.streamcast.metrics.Glob}); rules are tried in NAME order, first match wins
 * streamcast.rules.NAME.{model,lags,horizon,step,threshold,season}   overrides for matching series
 *                                    (season: auto, none or periods such as 24,168 — over streamcast.model.season)
 * </pre>
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
        /** The default budget: 128 MB, half of it for memtables. */
        public static final StoreMemory DEFAULT = new StoreMemory(128L << 20, 0.5);

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
        /** Room for a {@code values} frame of the default 16 384 samples at full double precision. */
        static final int DEFAULT_MAX_BYTES = 512 * 1024;

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
        Map<String, String> own = new TreeMap<>();
        Map<String, String> kafka = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            Objects.requireNonNull(v, () -> "configuration key " + k + " has no value");
            if (k.startsWith(PREFIX)) {
                own.put(k, v);
            } else {
                kafka.put(k, v);
            }
        });
        Reader r = new Reader(own);

        Optional<Pattern> pattern = r.optional("streamcast.topics.input.pattern").map(v -> {
            try {
                return Pattern.compile(v);
            } catch (PatternSyntaxException e) {
                throw ConfigValues.bad("streamcast.topics.input.pattern", v, "a regular expression");
            }
        });
        Optional<String> inputList = r.optional("streamcast.topics.input");
        if (pattern.isPresent() && inputList.isPresent()) {
            throw new IllegalArgumentException("configuration keys streamcast.topics.input and "
                    + "streamcast.topics.input.pattern conflict: give one of them");
        }
        List<String> input = pattern.isPresent() ? List.of()
                : topicList("streamcast.topics.input", inputList.orElse("streamcast.events"));
        Topics topics = new Topics(input, pattern,
                r.string("streamcast.topics.forecasts", "streamcast.forecasts"),
                r.string("streamcast.topics.anomalies", "streamcast.anomalies"),
                r.optional("streamcast.topics.scores").map(String::trim).filter(s -> !s.isEmpty()),
                r.string("streamcast.topics.dlq", "streamcast.dlq"));

        InputFormat format = r.optional("streamcast.input.format")
                .map(v -> ConfigValues.choice("streamcast.input.format", v, InputFormat.class)).orElse(InputFormat.AUTO);
        int maxId = r.optional("streamcast.series.max-id-length")
                .map(v -> ConfigValues.positiveInt("streamcast.series.max-id-length", v)).orElse(256);
        int seriesCache = r.optional("streamcast.series.cache")
                .map(v -> ConfigValues.positiveInt("streamcast.series.cache", v)).orElse(10_000);

        Audio audio = audio(r);
        InputLimits limits = new InputLimits(r.optional("streamcast.input.max-bytes")
                .map(v -> ConfigValues.positiveInt("streamcast.input.max-bytes", v)).orElse(InputLimits.DEFAULT_MAX_BYTES),
                r.duration("streamcast.input.max-ahead", Duration.ofHours(1)),
                r.duration("streamcast.input.max-behind", Duration.ZERO));

        Duration step = r.duration("streamcast.resample.step", Duration.ZERO);
        Resample resample = new Resample(step, r.duration("streamcast.resample.grace", Duration.ZERO),
                r.optional("streamcast.resample.aggregation")
                        .map(v -> ConfigValues.choice("streamcast.resample.aggregation", v, Aggregation.class))
                        .orElse(Aggregation.MEAN),
                r.optional("streamcast.resample.gap")
                        .map(v -> ConfigValues.choice("streamcast.resample.gap", v, GapPolicy.class))
                        .orElse(GapPolicy.FILL),
                r.optional("streamcast.resample.max-fill")
                        .map(v -> ConfigValues.nonNegativeInt("streamcast.resample.max-fill", v)).orElse(1000));

        SeriesSettings defaults = new SeriesSettings(r.model("streamcast.model").orElse("ar"),
                r.optional("streamcast.lags").map(v -> ConfigValues.nonNegativeInt("streamcast.lags", v)).orElse(0),
                r.optional("streamcast.horizon").map(v -> ConfigValues.positiveInt("streamcast.horizon", v)).orElse(10),
                step,
                r.optional("streamcast.anomaly.threshold")
                        .map(v -> ConfigValues.probability("streamcast.anomaly.threshold", v)).orElse(Double.NaN),
                Optional.empty());

        long seed = r.optional("streamcast.seed").map(v -> ConfigValues.longValue("streamcast.seed", v)).orElse(42L);
        int batchSize = r.optional("streamcast.batch.size")
                .map(v -> ConfigValues.positiveInt("streamcast.batch.size", v)).orElse(64);
        Duration batchInterval = r.duration("streamcast.batch.interval", Duration.ofMillis(100));
        if (batchSize > 1 && batchInterval.isZero()) {
            throw new IllegalArgumentException("configuration key streamcast.batch.interval is 0 while "
                    + "streamcast.batch.size is " + batchSize + ": a batch that never fills would wait forever");
        }
        int checkpoint = r.optional("streamcast.checkpoint.batches")
                .map(v -> ConfigValues.positiveInt("streamcast.checkpoint.batches", v)).orElse(100);

        StoreMemory storeMemory = new StoreMemory(
                r.optional("streamcast.rocksdb.memory").map(v -> ConfigValues.bytes("streamcast.rocksdb.memory", v))
                        .orElse(StoreMemory.DEFAULT.bytes()),
                r.optional("streamcast.rocksdb.write-buffer-share")
                        .map(v -> ConfigValues.share("streamcast.rocksdb.write-buffer-share", v))
                        .orElse(StoreMemory.DEFAULT.writeBufferShare()));

        OutputTimestamp outputTimestamp = r.optional("streamcast.output.timestamp")
                .map(v -> ConfigValues.choice("streamcast.output.timestamp", v, OutputTimestamp.class))
                .orElse(OutputTimestamp.PUBLISH);

        List<Rule> rules = r.rules();
        Map<String, String> modelSettings = r.modelSettings();
        r.rejectUnused();
        return new ServiceConfig(topics, format, maxId, seriesCache, resample, audio, defaults, seed, batchSize, batchInterval,
                checkpoint, rules, modelSettings, kafka, storeMemory, limits, outputTimestamp);
    }

    private static Audio audio(Reader r) {
        int rate = r.optional("streamcast.audio.sample-rate")
                .map(v -> ConfigValues.positiveInt("streamcast.audio.sample-rate", v)).orElse(16_000);
        int maxFrame = r.optional("streamcast.audio.max-frame")
                .map(v -> ConfigValues.positiveInt("streamcast.audio.max-frame", v)).orElse(16_384);
        if (maxFrame < 2) {
            throw ConfigValues.bad("streamcast.audio.max-frame", Integer.toString(maxFrame), "at least 2 samples");
        }
        Optional<String> bands = r.optional("streamcast.audio.bands");
        List<Double> edges = bands.isEmpty() ? Audio.defaultEdges(rate) : new ArrayList<>();
        if (bands.isPresent()) {
            for (String f : bands.get().split(",")) {
                try {
                    edges.add(Double.parseDouble(f.trim()));
                } catch (NumberFormatException e) {
                    throw ConfigValues.bad("streamcast.audio.bands", bands.get(), "comma-separated band edges in Hz");
                }
            }
        }
        Audio audio = new Audio(rate, edges, maxFrame);
        try {
            audio.features();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration key streamcast.audio.bands: " + e.getMessage(), e);
        }
        return audio;
    }

    private static List<String> topicList(String key, String value) {
        List<String> topics = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (topics.isEmpty()) {
            throw ConfigValues.bad(key, value, "a comma-separated list of topic names");
        }
        return topics;
    }

    /** Reads keys, remembering which were used so the rest can be rejected by name. */
    private static final class Reader {
        private static final Pattern RULE_KEY = Pattern.compile(
                "streamcast\\.rules\\.([A-Za-z0-9_-]+)\\.(match|model|lags|horizon|step|threshold|season)");
        private final Map<String, String> values;
        private final TreeSet<String> unused;

        Reader(Map<String, String> values) {
            this.values = values;
            this.unused = new TreeSet<>(values.keySet());
        }

        Optional<String> optional(String key) {
            unused.remove(key);
            return Optional.ofNullable(values.get(key));
        }

        String string(String key, String fallback) {
            String v = optional(key).map(String::trim).orElse(fallback);
            if (v.isEmpty()) {
                throw ConfigValues.bad(key, v, "a non-empty topic name");
            }
            return v;
        }

        Duration duration(String key, Duration fallback) {
            return optional(key).map(v -> ConfigValues.duration(key, v)).orElse(fallback);
        }

        Optional<String> model(String key) {
            return optional(key).map(v -> {
                if (!v.trim().matches("[a-z0-9_-]+")) {
                    throw ConfigValues.bad(key, v, "a model name such as ar, ffar, lstm or auto");
                }
                return v.trim();
            });
        }

        List<Rule> rules() {
            Map<String, Map<String, String>> byName = new TreeMap<>();
            for (String key : List.copyOf(unused)) {
                if (!key.startsWith("streamcast.rules.")) {
                    continue;
                }
                var m = RULE_KEY.matcher(key);
                if (!m.matches()) {
                    throw new IllegalArgumentException("unknown configuration key " + key + ": rule keys look like "
                            + "streamcast.rules.NAME.{match,model,lags,horizon,step,threshold,season}");
                }
                byName.computeIfAbsent(m.group(1), n -> new TreeMap<>()).put(m.group(2), key);
            }
            List<Rule> rules = new ArrayList<>();
            byName.forEach((name, keys) -> {
                String matchKey = keys.get("match");
                if (matchKey == null) {
                    throw new IllegalArgumentException("rule " + name + " has no streamcast.rules." + name
                            + ".match (a glob over series ids)");
                }
                String p = "streamcast.rules." + name + ".";
                rules.add(new Rule(name, ConfigValues.glob(matchKey, optional(matchKey).orElseThrow()),
                        model(p + "model"),
                        optional(p + "lags").map(v -> ConfigValues.nonNegativeInt(p + "lags", v)),
                        optional(p + "horizon").map(v -> ConfigValues.positiveInt(p + "horizon", v)),
                        optional(p + "step").map(v -> ConfigValues.duration(p + "step", v)),
                        optional(p + "threshold").map(v -> ConfigValues.probability(p + "threshold", v)),
                        optional(p + "season").map(v -> Seasons.parse(p + "season", v))));
            });
            return rules;
        }

        /** Keys the engines and the anomaly detector read themselves; horizon and seed have keys of ours. */
        Map<String, String> modelSettings() {
            Map<String, String> settings = new TreeMap<>();
            for (String key : List.copyOf(unused)) {
                if (key.equals("streamcast.model.horizon") || key.equals("streamcast.model.seed")) {
                    throw new IllegalArgumentException("configuration key " + key + " is not used by the service: give "
                            + key.replace("model.", "") + " instead");
                }
                if (KnownSettings.inNamespace(key)) {
                    settings.put(key, optional(key).orElseThrow().trim());
                }
            }
            KnownSettings.requireKnown(settings.keySet()); // a misspelt model or detector key, by name
            return settings;
        }

        void rejectUnused() {
            if (!unused.isEmpty()) {
                throw new IllegalArgumentException("unknown configuration key" + (unused.size() > 1 ? "s " : " ")
                        + String.join(", ", unused));
            }
        }
    }
}
