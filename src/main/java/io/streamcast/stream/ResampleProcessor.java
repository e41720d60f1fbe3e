package io.streamcast.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs the {@link Resampler} of each series over its events, keeping each series' windows in the
 * changelogged {@link StreamcastTopology#RESAMPLE_STORE}. Closed windows go on as {@link Resampled}
 * steps; a late event goes to the dead-letter topic as JSON with the coordinates of its input record.
 */
final class ResampleProcessor implements Processor<String, ParsedEvent, String, Outcome<Resampled>> {
    private final ServiceConfig config;
    private final Resampler resampler;
    private final StreamcastMetrics metrics;
    private ProcessorContext<String, Outcome<Resampled>> context;
    private KeyValueStore<String, byte[]> store;

    ResampleProcessor(ServiceConfig config, StreamcastMetrics metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.resampler = new Resampler(config.resample());
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<String, Outcome<Resampled>> context) {
        this.context = context;
        this.store = context.getStateStore(StreamcastTopology.RESAMPLE_STORE);
    }

    @Override
    public void process(Record<String, ParsedEvent> record) {
        ParsedEvent event = record.value();
        ResampleState state = ResampleState.fromBytes(store.get(event.series()));
        List<Resampled> steps = resampler.accept(state, event, step(event.series()));
        if (steps == null) {
            metrics.event(event.source().topic(), DeadLetterKind.LATE.code());
            String reason = "late event of series " + event.series() + " at " + Instant.ofEpochMilli(event.timestamp())
                    + ": its window had closed (watermark " + Instant.ofEpochMilli(state.watermark) + ", grace "
                    + config.resample().grace() + ") (at " + event.source() + ")";
            context.forward(new Record<>(event.series(), Outcome.rejected(new Emit(Emit.Output.DEAD_LETTER,
                    event.series().getBytes(StandardCharsets.UTF_8), EventJson.event(event.series(), event.timestamp(),
                    EventJson.Time.ISO, event.value()))), record.timestamp(),
                    DeadLetters.headers(record.headers(), DeadLetterKind.LATE, reason, event.source())));
            return;
        }
        metrics.event(event.source().topic(), "accepted");
        store.put(event.series(), state.toBytes());
        for (Resampled r : steps) {
            context.forward(new Record<>(r.series(), Outcome.of(r), r.timestamp()));
        }
    }

    /**
     * The series' step, looked up per event: no per-series cache, so memory does not grow with the
     * number of series (a rule match is one glob per rule, as the forecast processor does per step).
     */
    private long step(String series) {
        return config.settingsFor(series).step().toMillis();
    }
}
