package io.streamcast.cli;

import io.streamcast.model.Forecast;
import io.streamcast.series.LagWindow;
import java.util.HashMap;
import java.util.Map;

/**
 * Prequential (forecast-then-learn) accuracy of one model over many series: every forecast made from
 * an origin after the burn-in is compared, step by step, with the values that later arrive. sMAPE is
 * averaged over all (origin, step) pairs; MASE is each series' mean absolute error over the mean
 * absolute seasonal difference of that series (lag S, or 1 without season), averaged over series;
 * coverage is the share of values inside the forecast's interval.
 */
final class Evaluation {
    private final String model;
    private final int horizon;
    private final int season;
    private final int burnIn;
    private final Map<String, Acc> series = new HashMap<>();

    private final class Acc {
        final LagWindow past = new LagWindow(season);
        final Forecast[] made = new Forecast[horizon];
        long t;
        double scaleSum;
        long scaleN;
        double absErr;
        long pairs;
    }

    private double smapeSum;
    private long smapeN;
    private long covered;
    private long withBounds;

    record Summary(String model, double smape, double mase, double coverage, long pairs, int series) {}

    Evaluation(String model, int horizon, int season, int burnIn) {
        this.model = model;
        this.horizon = horizon;
        this.season = Math.max(1, season);
        this.burnIn = burnIn;
    }

    /** The next value of a series and the forecast the model made once it had learned it. */
    void add(String id, double y, Forecast after) {
        Acc a = series.computeIfAbsent(id, k -> new Acc());
        for (int h = 1; h <= horizon; h++) {
            long origin = a.t - h;
            if (origin < burnIn) {
                continue;
            }
            Forecast f = a.made[(int) (origin % horizon)];
            double yhat = f.mean(h);
            if (!Double.isFinite(yhat)) {
                continue;
            }
            double err = Math.abs(y - yhat);
            a.absErr += err;
            a.pairs++;
            double denom = Math.abs(y) + Math.abs(yhat);
            smapeSum += denom == 0 ? 0.0 : 200.0 * err / denom;
            smapeN++;
            if (Double.isFinite(f.lo(h)) && Double.isFinite(f.hi(h))) {
                withBounds++;
                if (y >= f.lo(h) && y <= f.hi(h)) {
                    covered++;
                }
            }
        }
        if (a.past.size() == season) {
            a.scaleSum += Math.abs(y - a.past.lag(season));
            a.scaleN++;
        }
        a.past.push(y);
        a.made[(int) (a.t % horizon)] = after;
        a.t++;
    }

    Summary summary() {
        double maseSum = 0;
        int maseN = 0;
        for (Acc a : series.values()) {
            double scale = a.scaleN == 0 ? 0 : a.scaleSum / a.scaleN;
            if (a.pairs > 0 && scale > 0) {
                maseSum += a.absErr / a.pairs / scale;
                maseN++;
            }
        }
        return new Summary(model, smapeN == 0 ? Double.NaN : smapeSum / smapeN,
                maseN == 0 ? Double.NaN : maseSum / maseN,
                withBounds == 0 ? Double.NaN : (double) covered / withBounds, smapeN, maseN);
    }
}
