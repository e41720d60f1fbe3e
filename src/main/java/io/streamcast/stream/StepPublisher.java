package io.streamcast.stream;

import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.anomaly.AnomalyDetector;
import io.streamcast.anomaly.Verdict;
import io.streamcast.model.Forecast;
import io.streamcast.model.PointErrors;
import io.streamcast.model.Step;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What happens to one step a model has taken: earlier forecasts made for it are settled, the
 * anomaly detector scores it, and the score, anomaly and new forecast are forwarded to the sinks
 * (the forecast also to the latest-forecast view, and into the series state it is rebuilt from). Interpolated (filled) steps are learned and
 * remembered but neither scored, settled nor published.
 */
final class StepPublisher {
    private final ProcessorContext<String, Emit> context;
    private final LatestForecasts latest;
    private final StreamcastMetrics metrics;
    private final boolean scores;

    StepPublisher(ProcessorContext<String, Emit> context, LatestForecasts latest,
            StreamcastMetrics metrics, boolean scores) {
        this.context = Objects.requireNonNull(context, "context");
        this.latest = Objects.requireNonNull(latest, "latest");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.scores = scores;
    }

    /**
     * Settles, scores and publishes one step of {@code model}; {@code stepMs} is the series' fixed
     * step, 0 when every event is a step (forecast points are then spaced by the series' spacing).
     */
    void publish(String model, AnomalyConfig anomaly, long stepMs, Resampled r, Step step, SeriesState s) {
        long index = s.step(r.timestamp());
        if (!r.filled()) {
            s.settle(index, r.value(), (h, actual, mean, covered, maseScale) -> {
                metrics.settled(model, h, actual - mean, covered);
                metrics.settledSmape(model, h, PointErrors.smape(actual, mean, PointErrors.FRACTION));
                if (maseScale > 0) {
                    metrics.settledMase(model, h, PointErrors.scaled(actual, mean, maseScale));
                }
            });
            score(model, anomaly, r, step.expected(), s);
        }
        Forecast f = step.forecast();
        s.remember(index, f);
        if (!r.filled()) {
            long spacing = s.spacing(stepMs);
            byte[] json = OutputJson.forecast(r.series(), f, r.timestamp(), spacing);
            s.published(f, r.timestamp(), spacing);
            latest.put(r.series(), json);
            metrics.forecast(model);
            metrics.forecastDelay(System.currentTimeMillis() - r.timestamp());
            metrics.seriesForecast(r.series(), f.mean()[0], f.lo()[0], f.hi()[0]);
            forward(Emit.Output.FORECAST, r, json);
        }
    }

    private void score(String model, AnomalyConfig anomaly, Resampled r, double expected, SeriesState s) {
        AnomalyDetector detector = detector(anomaly, s);
        Verdict verdict = detector.observe(r.timestamp(), r.value(), expected);
        s.scored(detector.snapshot());
        metrics.seriesObserved(r.series(), r.value(), verdict.score());
        if (scores || verdict.flag()) {
            byte[] json = OutputJson.score(r.series(), r.timestamp(), r.value(), expected, verdict.score(),
                    verdict.flag(), model, verdict.reason());
            if (scores) {
                forward(Emit.Output.SCORE, r, json);
            }
            if (verdict.flag()) {
                metrics.anomaly(model);
                forward(Emit.Output.ANOMALY, r, json);
            }
        }
    }

    private void forward(Emit.Output output, Resampled r, byte[] json) {
        context.forward(new Record<>(r.series(), new Emit(output,
                r.series().getBytes(StandardCharsets.UTF_8), json), r.timestamp()));
    }

    private static AnomalyDetector detector(AnomalyConfig anomaly, SeriesState s) {
        if (s.detector() != null) {
            try {
                return AnomalyDetector.restore(anomaly, s.detector());
            } catch (RuntimeException e) {
                // State of another detector configuration (settings changed between runs): start afresh.
            }
        }
        return AnomalyDetector.create(anomaly);
    }

    /** A step the model failed on goes to the dead-letter topic, as JSON, with its input's coordinates. */
    void deadLetter(String model, Resampled r, RuntimeException failure) {
        metrics.modelFailure(model);
        String reason = "model " + model + " failed on series " + r.series() + " at "
                + Instant.ofEpochMilli(r.timestamp()) + ": " + failure + " (at " + r.source() + ")";
        byte[] json = EventJson.event(r.series(), r.timestamp(), EventJson.Time.ISO, r.value());
        context.forward(new Record<>(r.series(), new Emit(Emit.Output.DEAD_LETTER,
                r.series().getBytes(StandardCharsets.UTF_8), json), r.timestamp(),
                DeadLetters.headers(null, DeadLetterKind.PROCESSING_ERROR, reason, r.source())));
    }
}
