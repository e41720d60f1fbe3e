package io.streamcast.stream;

import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.model.EngineConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-series models, anomaly scores, settlement and outputs for the steps of one stream task, in parts:
 * <ul>
 * <li>this processor: steps wait in a {@link StepBuffer} until a batch is full or the flush interval
 *     passes (wall clock), so one engine call serves many series;</li>
 * <li>{@link BatchStepper}: loads each series' {@link SeriesState}, steps the batch engine by engine,
 *     isolates a failing call, writes the states back;</li>
 * <li>{@link EngineSlots}: the task's engines and the series each holds in memory (an LRU);</li>
 * <li>{@link CheckpointReplay}: shared engines' checkpoints and replay log, so a task restored on any
 *     instance continues exactly;</li>
 * <li>{@link StepPublisher}: settlement, scores and outputs of each step.</li>
 * </ul>
 */
final class ForecastProcessor implements Processor<String, Resampled, String, Emit> {

    private final ServiceConfig config;
    private final EngineProvider engines;
    private final StreamcastMetrics metrics;
    private final SeriesCacheShares shares;
    private final AnomalyConfig anomalyBase;

    private EngineSlots slots;
    private StepBuffer buffer;
    private BatchStepper stepper;

    /** A processor alone: the whole {@code streamcast.series.cache} is its own. */
    ForecastProcessor(ServiceConfig config, EngineProvider engines, StreamcastMetrics metrics) {
        this(config, engines, metrics, new SeriesCacheShares());
    }

    /** One of the tasks of a topology, sharing {@code streamcast.series.cache} with the others through {@code shares}. */
    ForecastProcessor(ServiceConfig config, EngineProvider engines, StreamcastMetrics metrics, SeriesCacheShares shares) {
        this.config = Objects.requireNonNull(config, "config");
        this.engines = Objects.requireNonNull(engines, "engines");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.shares = Objects.requireNonNull(shares, "shares");
        this.anomalyBase = anomalyConfig(config);
        metrics.coverageTarget(coverageTarget(config));
        metrics.models(config.modelNames());
        metrics.inputTopics(config.topics().input());
    }

    private static double coverageTarget(ServiceConfig config) {
        Properties p = new Properties();
        config.modelSettings().forEach(p::setProperty);
        return EngineConfig.fromProperties(p).coverage();
    }

    /**
     * The detector's settings: the {@code streamcast.anomaly.*} keys, and the models' fixed season (the
     * shortest of {@code streamcast.model.season}; none when they are detected or none) as the detector's
     * unless {@code streamcast.anomaly.season} is given.
     */
    static AnomalyConfig anomalyConfig(ServiceConfig config) {
        Properties p = new Properties();
        Map<String, String> settings = config.modelSettings();
        settings.forEach((k, v) -> {
            if (k.startsWith(AnomalyConfig.PREFIX)) {
                p.setProperty(k, v);
            }
        });
        String season = settings.get(EngineConfig.SEASON);
        if (season != null && !p.containsKey(AnomalyConfig.PREFIX + "season")) {
            int fixed = io.streamcast.model.Seasons.parse(EngineConfig.SEASON, season).shortest();
            p.setProperty(AnomalyConfig.PREFIX + "season", Integer.toString(fixed));
        }
        return AnomalyConfig.fromProperties(p);
    }

    @Override
    public void init(ProcessorContext<String, Emit> context) {
        // A revived task (after a failed transaction) may init this instance again: forget everything
        // held in memory, the stores are the truth.
        shares.join(this);
        slots = new EngineSlots(config, engines, anomalyBase);
        buffer = new StepBuffer(context.getStateStore(StreamcastTopology.BUFFER_STORE));
        CheckpointReplay replay = new CheckpointReplay(
                new EngineCheckpoints(context.getStateStore(StreamcastTopology.CHECKPOINT_STORE)), slots,
                config.checkpointBatches());
        KeyValueStore<String, byte[]> series = context.getStateStore(StreamcastTopology.SERIES_STORE);
        LatestForecasts latest = new LatestForecasts(context.getStateStore(StreamcastTopology.LATEST_FORECAST_STORE));
        latest.rebuild(series);
        StepPublisher publisher = new StepPublisher(context, latest, metrics, config.topics().scores().isPresent());
        stepper = new BatchStepper(config, slots, series, replay, publisher, metrics, shares, this);
        replay.replay();
        if (config.batchSize() > 1 && !config.batchInterval().isZero()) {
            context.schedule(config.batchInterval(), PunctuationType.WALL_CLOCK_TIME, now -> flushBuffered());
        }
    }

    @Override
    public void process(Record<String, Resampled> record) {
        if (config.batchSize() == 1 && buffer.isEmpty()) {
            stepper.step(List.of(record.value()));
            return;
        }
        buffer.add(record.value());
        if (buffer.size() >= config.batchSize()) {
            flushBuffered();
        }
    }

    @Override
    public void close() {
        // Buffered steps stay in the changelogged store; the next owner of the task finishes them.
        if (slots != null) {
            slots.clear();
        }
        shares.leave(this);
        metrics.taskClosed(this);
    }

    private void flushBuffered() {
        if (buffer.isEmpty()) {
            return;
        }
        stepper.step(buffer.steps());
        buffer.clear();
    }
}
