package io.streamcast.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one-line status {@code demo} and {@code run} print every few seconds, read from the meters of
 * {@link MeterNames}: event rate since the previous line, totals, and per model the quality of the
 * forecasts settled so far in the terms {@code backtest} reports — sMAPE (0..200, as M4), MASE
 * (against each series' mean absolute one-step change: below 1 beats the naive forecast's
 * in-sample error) and interval coverage. Not thread-safe: one printer calls it.
 */
public final class LiveStatus {

    private final MeterRegistry registry;
    private long lastMillis = -1;
    private double lastEvents;

    public LiveStatus(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The status at {@code nowMillis}; the rate covers the time since the previous call. */
    public String line(long nowMillis) {
        double accepted = 0;
        double rejected = 0;
        for (Counter c : registry.find(MeterNames.EVENTS_IN).counters()) {
            if (MeterNames.OUTCOME_ACCEPTED.equals(c.getId().getTag("outcome"))) {
                accepted += c.count();
            } else {
                rejected += c.count();
            }
        }
        double events = accepted + rejected;
        String rate = lastMillis < 0 || nowMillis <= lastMillis ? "-"
                : String.format(Locale.ROOT, "%.0f", (events - lastEvents) * 1000.0 / (nowMillis - lastMillis));
        lastMillis = nowMillis;
        lastEvents = events;

        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "events/s=%s events=%.0f dead-lettered=%.0f forecasts=%.0f anomalies=%.0f", rate, events, rejected,
                sum(MeterNames.FORECASTS_OUT), sum(MeterNames.ANOMALIES)));
        Map<String, double[]> smape = means(MeterNames.FORECAST_SMAPE);
        Map<String, double[]> mase = means(MeterNames.FORECAST_MASE);
        Map<String, double[]> coverage = new TreeMap<>(); // model -> {covered, all}
        for (Counter c : registry.find(MeterNames.FORECAST_COVERAGE).counters()) {
            double[] e = coverage.computeIfAbsent(c.getId().getTag("model"), m -> new double[2]);
            if (MeterNames.OUTCOME_INSIDE.equals(c.getId().getTag("outcome"))) {
                e[0] += c.count();
            }
            e[1] += c.count();
        }
        smape.forEach((model, e) -> {
            if (e[1] > 0) {
                out.append(String.format(Locale.ROOT, " smape[%s]=%.2f", model, 100 * e[0] / e[1]));
            }
        });
        mase.forEach((model, e) -> {
            if (e[1] > 0) {
                out.append(String.format(Locale.ROOT, " mase[%s]=%.3f", model, e[0] / e[1]));
            }
        });
        coverage.forEach((model, c) -> {
            if (c[1] > 0) {
                out.append(String.format(Locale.ROOT, " coverage[%s]=%.0f%%", model, 100 * c[0] / c[1]));
            }
        });
        return out.toString();
    }

    /** Per model tag: {sum, count} of a summary over all its horizons. */
    private Map<String, double[]> means(String name) {
        Map<String, double[]> out = new TreeMap<>();
        for (DistributionSummary s : registry.find(name).summaries()) {
            double[] e = out.computeIfAbsent(s.getId().getTag("model"), m -> new double[2]);
            e[0] += s.totalAmount();
            e[1] += s.count();
        }
        return out;
    }

    private double sum(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
