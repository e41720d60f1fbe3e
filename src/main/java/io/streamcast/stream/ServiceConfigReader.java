package io.streamcast.stream;

import static io.streamcast.stream.ServiceKeys.*;

import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.config.Key;
import io.streamcast.model.EngineConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds a {@link ServiceConfig} from properties by the definitions of {@link ServiceKeys}: every
 * {@code streamcast.*} name is judged by {@link ServiceKeys#ALL} first, so a misspelt key in any namespace is
 * refused by name; then each record is read from its keys. The model and detector keys are checked by their
 * definitions and kept as {@link ServiceConfig#modelSettings()} for the engines and the detector.
 */
final class ServiceConfigReader {

    private ServiceConfigReader() {}

    static ServiceConfig read(Map<String, String> properties) {
        Map<String, String> own = new TreeMap<>();
        Map<String, String> kafka = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            Objects.requireNonNull(v, () -> "configuration key " + k + " has no value");
            (k.startsWith(ServiceConfig.PREFIX) ? own : kafka).put(k, v);
        });
        ALL.requireKnown(own.keySet());

        Optional<Pattern> pattern = INPUT_PATTERN.find(own);
        if (pattern.isPresent() && own.containsKey(INPUT.name())) {
            throw new IllegalArgumentException("configuration keys " + INPUT + " and " + INPUT_PATTERN
                    + " conflict: give one of them");
        }
        ServiceConfig.Topics topics = new ServiceConfig.Topics(pattern.isPresent() ? List.of() : INPUT.read(own),
                pattern, FORECASTS.read(own), ANOMALIES.read(own), SCORES.find(own).filter(s -> !s.isEmpty()),
                DLQ.read(own));
        ServiceConfig.InputLimits limits = new ServiceConfig.InputLimits(MAX_BYTES.read(own), MAX_AHEAD.read(own),
                MAX_BEHIND.read(own));
        Duration step = STEP.read(own);
        ServiceConfig.Resample resample = new ServiceConfig.Resample(step, GRACE.read(own), AGGREGATION.read(own),
                GAP.read(own), MAX_FILL.read(own));
        ServiceConfig.SeriesSettings defaults = new ServiceConfig.SeriesSettings(MODEL.read(own), LAGS.read(own),
                EngineConfig.HORIZON_KEY.read(own), step, AnomalyConfig.THRESHOLD.find(own).orElse(Double.NaN),
                Optional.empty());
        int batchSize = BATCH_SIZE.read(own);
        Duration batchInterval = BATCH_INTERVAL.read(own);
        if (batchSize > 1 && batchInterval.isZero()) {
            throw new IllegalArgumentException("configuration key " + BATCH_INTERVAL + " is 0 while " + BATCH_SIZE
                    + " is " + batchSize + ": a batch that never fills would wait forever");
        }
        ServiceConfig.StoreMemory storeMemory = new ServiceConfig.StoreMemory(ROCKSDB_MEMORY.read(own),
                WRITE_BUFFER_SHARE.read(own));
        return new ServiceConfig(topics, INPUT_FORMAT.read(own), MAX_ID_LENGTH.read(own), SERIES_CACHE.read(own),
                resample, audio(own), defaults, EngineConfig.SEED_KEY.read(own), batchSize, batchInterval,
                CHECKPOINT_BATCHES.read(own), rules(own), modelSettings(own), kafka, storeMemory, limits,
                OUTPUT_TIMESTAMP.read(own));
    }

    private static ServiceConfig.Audio audio(Map<String, String> own) {
        int rate = SAMPLE_RATE.read(own);
        ServiceConfig.Audio audio = new ServiceConfig.Audio(rate,
                BANDS.find(own).orElseGet(() -> ServiceConfig.Audio.defaultEdges(rate)), MAX_FRAME.read(own));
        try {
            audio.features();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration key " + BANDS + ": " + e.getMessage(), e);
        }
        return audio;
    }

    /** The rules named in {@code own}, in name order; each needs its {@code match}. */
    private static List<ServiceConfig.Rule> rules(Map<String, String> own) {
        TreeSet<String> names = new TreeSet<>();
        String prefix = "streamcast.rules.";
        own.keySet().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> names.add(k.substring(prefix.length(), k.lastIndexOf('.'))));
        List<ServiceConfig.Rule> rules = new ArrayList<>();
        for (String name : names) {
            Key<Pattern> match = RULE_MATCH.named(name);
            rules.add(new ServiceConfig.Rule(name, match.find(own).orElseThrow(() -> new IllegalArgumentException(
                    "rule " + name + " has no " + match + " (a glob over series ids)")),
                    RULE_MODEL.named(name).find(own), RULE_LAGS.named(name).find(own),
                    RULE_HORIZON.named(name).find(own), RULE_STEP.named(name).find(own),
                    RULE_THRESHOLD.named(name).find(own), RULE_SEASON.named(name).find(own)));
        }
        return rules;
    }

    /** The model and detector keys the engines and the detector read, each checked by its definition. */
    private static Map<String, String> modelSettings(Map<String, String> own) {
        Map<String, String> settings = new TreeMap<>();
        own.forEach((key, value) -> {
            if (KnownSettings.inNamespace(key) && !key.equals(AnomalyConfig.THRESHOLD.name())) {
                ALL.find(key).orElseThrow().parse(value);
                settings.put(key, value.trim());
            }
        });
        return settings;
    }
}
