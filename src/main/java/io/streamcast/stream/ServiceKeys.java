package io.streamcast.stream;

import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.config.Importance;
import io.streamcast.config.Key;
import io.streamcast.config.KeyTable;
import io.streamcast.config.Type;
import io.streamcast.config.Validator;
import io.streamcast.model.EngineConfig;
import io.streamcast.model.Seasons;
import io.streamcast.model.SettingKeys;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The topology's keys ({@link ServiceConfig}), each defined once with its type, default, check, importance and
 * meaning; {@link #ALL} joins them with the running service's ({@link RuntimeConfig#KEYS}), the models'
 * ({@link SettingKeys}) and the detector's ({@link AnomalyConfig#KEYS}): every {@code streamcast.*} name is one of
 * those or refused by name. The docs tables are generated from these tables ({@link ConfigDocs}).
 */
public final class ServiceKeys {

    private ServiceKeys() {}

    private static final KeyTable.Builder DEFINE = KeyTable.builder("streamcast.");

    static final Key<List<String>> INPUT = DEFINE.define("streamcast.topics.input", ValueTypes.TOPICS,
            List.of("streamcast.events"), Validator.any(), Importance.HIGH, "input topics, comma-separated");
    static final Key<Pattern> INPUT_PATTERN = DEFINE.define("streamcast.topics.input.pattern", ValueTypes.REGEX, null,
            Validator.any(), Importance.MEDIUM, "a regular expression over topic names instead of the list (not both)");
    static final Key<String> FORECASTS = topic("forecasts", "the forecasts topic");
    static final Key<String> ANOMALIES = topic("anomalies", "the anomalies topic");
    static final Key<String> SCORES = DEFINE.define("streamcast.topics.scores", Type.STRING, null, Validator.any(),
            Importance.MEDIUM, "every step's score, flagged or not, e.g. `streamcast.scores`; unset or empty: off");
    static final Key<String> DLQ = topic("dlq", "the dead-letter topic");
    static final Key<ServiceConfig.OutputTimestamp> OUTPUT_TIMESTAMP = DEFINE.define("streamcast.output.timestamp",
            Type.choice(ServiceConfig.OutputTimestamp.class), ServiceConfig.OutputTimestamp.PUBLISH, Validator.any(),
            Importance.MEDIUM, "the timestamp of every record the service writes: `publish`, the time it publishes "
                    + "it, or `event`, the time of the event it is about (see [timestamps and retention](service.md#"
                    + "timestamps-and-retention-backfills-keep-their-outputs))");
    static final Key<ServiceConfig.InputFormat> INPUT_FORMAT = DEFINE.define("streamcast.input.format",
            Type.choice(ServiceConfig.InputFormat.class), ServiceConfig.InputFormat.AUTO, Validator.any(),
            Importance.MEDIUM, "`auto` (`{` starts JSON, else CSV), `json` or `csv`");
    static final Key<Integer> MAX_BYTES = DEFINE.define("streamcast.input.max-bytes", Type.INT, 512 * 1024,
            Validator.positive(), Importance.LOW, "key + value + headers of one input record (512 KiB: a `values` "
                    + "frame of 16 384 samples at full precision); a larger one is dead-lettered as `too-large` "
                    + "before it is parsed");
    static final Key<Duration> MAX_AHEAD = DEFINE.define("streamcast.input.max-ahead", ValueTypes.DURATION,
            Duration.ofHours(1), Validator.any(), Importance.LOW, "an event whose `ts` is further ahead of its "
                    + "record's timestamp is dead-lettered (`invalid-timestamp`); `0` = no limit");
    static final Key<Duration> MAX_BEHIND = DEFINE.define("streamcast.input.max-behind", ValueTypes.DURATION,
            Duration.ZERO, Validator.any(), Importance.LOW,
            "the same for a `ts` further behind its record's timestamp, e.g. `7d`; `0` = no limit");
    static final Key<Integer> MAX_ID_LENGTH = DEFINE.define("streamcast.series.max-id-length", Type.INT, 256,
            Validator.positive(), Importance.LOW, "longer series ids are dead-lettered");
    static final Key<Integer> SERIES_CACHE = DEFINE.define("streamcast.series.cache", Type.INT, 10_000,
            Validator.positive(), Importance.MEDIUM, "series per model configuration this instance keeps in memory, "
                    + "split evenly among its stream tasks (least recently used leave; their state is in the store "
                    + "and comes back exactly)");
    static final Key<Integer> SAMPLE_RATE = DEFINE.define("streamcast.audio.sample-rate", Type.INT, 16_000,
            Validator.positive(), Importance.MEDIUM, "Hz of the samples of a `values` frame; band names and the "
                    + "centroid depend on it");
    static final Key<List<Double>> BANDS = DEFINE.defineComputed("streamcast.audio.bands", ValueTypes.NUMBERS,
            "`0,500,1000,2000,4000,8000` cut at the Nyquist frequency (8 kHz audio: `0,500,1000,2000,4000`)",
            Validator.any(), Importance.LOW, "band edges in Hz");
    static final Key<Integer> MAX_FRAME = DEFINE.define("streamcast.audio.max-frame", Type.INT, 16_384,
            Validator.atLeast(2), Importance.LOW, "samples; a longer frame is dead-lettered (`invalid-value`, the "
                    + "reason names the limit)");
    static final Key<Duration> STEP = DEFINE.define("streamcast.resample.step", ValueTypes.DURATION, Duration.ZERO,
            Validator.any(), Importance.HIGH, "event-time window of one step, e.g. `PT1M`, `10s`; `0`: every event is "
                    + "one step (see [resampling](service.md#resampling-per-series-in-event-time))");
    static final Key<Duration> GRACE = DEFINE.define("streamcast.resample.grace", ValueTypes.DURATION, Duration.ZERO,
            Validator.any(), Importance.MEDIUM, "how long past a window's end late events still count");
    static final Key<ServiceConfig.Aggregation> AGGREGATION = DEFINE.define("streamcast.resample.aggregation",
            Type.choice(ServiceConfig.Aggregation.class), ServiceConfig.Aggregation.MEAN, Validator.any(),
            Importance.MEDIUM, "how the events of one window become one value: `mean`, `last` or `sum`");
    static final Key<ServiceConfig.GapPolicy> GAP = DEFINE.define("streamcast.resample.gap",
            Type.choice(ServiceConfig.GapPolicy.class), ServiceConfig.GapPolicy.FILL, Validator.any(),
            Importance.MEDIUM, "missing windows: `skip`, `fill` (linear interpolation) or `reset` the series");
    static final Key<Integer> MAX_FILL = DEFINE.define("streamcast.resample.max-fill", Type.INT, 1000,
            Validator.nonNegative(), Importance.LOW, "a longer gap resets the series instead of filling it");
    static final Key<String> MODEL = DEFINE.define("streamcast.model", ValueTypes.MODEL, "ar", Validator.any(),
            Importance.HIGH, "model of every series without a rule: `ar`, `ffar`, `lstm`, `auto`, `naive`, ... "
                    + "([models](models.md))");
    static final Key<Integer> LAGS = DEFINE.define("streamcast.lags", Type.INT, 0, Validator.nonNegative(),
            Importance.MEDIUM, "AR order (`streamcast.model.ar.order`) or the model's `lags`; 0: the model's default");
    static final Key<Integer> BATCH_SIZE = DEFINE.define("streamcast.batch.size", Type.INT, 64, Validator.positive(),
            Importance.MEDIUM, "steps per engine call");
    static final Key<Duration> BATCH_INTERVAL = DEFINE.define("streamcast.batch.interval", ValueTypes.DURATION,
            Duration.ofMillis(100), Validator.any(), Importance.MEDIUM,
            "a smaller batch is flushed after this long (wall clock); 0 only with a batch size of 1");
    static final Key<Integer> CHECKPOINT_BATCHES = DEFINE.define("streamcast.checkpoint.batches", Type.INT, 100,
            Validator.positive(), Importance.LOW, "shared (neural) state is checkpointed every N batches");
    static final Key<Long> ROCKSDB_MEMORY = DEFINE.define("streamcast.rocksdb.memory", ValueTypes.BYTES, 128L << 20,
            Validator.of("at least 0 bytes", b -> b >= 0), Importance.MEDIUM, "off-heap memory of all RocksDB stores "
                    + "of the process: block cache, index and filter blocks, memtables (`0`: Kafka Streams' "
                    + "per-store defaults, unbounded in total)");
    static final Key<Double> WRITE_BUFFER_SHARE = DEFINE.define("streamcast.rocksdb.write-buffer-share", Type.DOUBLE,
            0.5, Validator.of("strictly between 0 and 1", s -> s > 0 && s < 1), Importance.LOW,
            "part of that memory the memtables may take");
    static final Key<Pattern> RULE_MATCH = DEFINE.define("streamcast.rules.NAME.match", ValueTypes.GLOB, null,
            Validator.any(), Importance.HIGH, "the series a rule applies to, a [glob](#globs) over series ids; rules "
                    + "are tried in NAME order, the first match wins; every rule needs one");
    static final Key<String> RULE_MODEL = DEFINE.override("streamcast.rules.NAME.model", MODEL);
    static final Key<Integer> RULE_LAGS = DEFINE.override("streamcast.rules.NAME.lags", LAGS);
    static final Key<Integer> RULE_HORIZON = DEFINE.override("streamcast.rules.NAME.horizon", EngineConfig.HORIZON_KEY);
    static final Key<Duration> RULE_STEP = DEFINE.override("streamcast.rules.NAME.step", STEP);
    static final Key<Double> RULE_THRESHOLD = DEFINE.override("streamcast.rules.NAME.threshold",
            AnomalyConfig.THRESHOLD);
    static final Key<Seasons> RULE_SEASON = DEFINE.override("streamcast.rules.NAME.season", EngineConfig.SEASON_KEY);

    /** The topology's keys. */
    public static final KeyTable TOPOLOGY = DEFINE.build();

    /** Every {@code streamcast.*} key: the topology's, the running service's, the models' and the detector's. */
    public static final KeyTable ALL = KeyTable.union(RuntimeConfig.KEYS, TOPOLOGY, SettingKeys.table(),
            AnomalyConfig.KEYS);

    private static Key<String> topic(String name, String doc) {
        return DEFINE.define("streamcast.topics." + name, Type.STRING, "streamcast." + name,
                Validator.of("a non-empty topic name", t -> !t.isEmpty()), Importance.HIGH, doc);
    }
}
