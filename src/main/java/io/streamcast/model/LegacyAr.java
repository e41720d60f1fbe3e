package io.streamcast.model;

import io.streamcast.series.LagWindow;
import io.streamcast.series.OnlineScaler;
import io.streamcast.series.ValueGuard;
import java.io.DataInput;
import java.io.IOException;

/**
 * Reads an AR state of the releases with fixed lags (ar/3, and ar/2 before compact intervals) into
 * today's model: the lag window it kept is learned again, as history, by a fresh forecaster that
 * keeps the old value guard, support, intervals and cleaner. An upgraded service thus carries on
 * with its series' recent values and interval widths instead of starting them afresh; the old
 * coefficients, fitted to lags the series may no longer use, are dropped.
 */
final class LegacyAr {
    static final String[] TAGS = {"ar/3", "ar/2"};

    private LegacyAr() {
    }

    static ArForecaster read(ArConfig cfg, DataInput in, String tag) throws IOException {
        boolean v2 = tag.equals("ar/2");
        int h = in.readInt();
        int dim = in.readInt();
        in.readInt(); // the window it needed
        if (h != cfg.horizon() || dim < 1 || dim > 1024) {
            throw new IOException("state is for horizon " + h + " with " + dim + " coefficients; the configuration has "
                    + "horizon " + cfg.horizon());
        }
        ValueGuard guard = ValueGuard.readFrom(in);
        Transform t = new Transform(cfg.transform(), cfg.boxCoxLambda());
        t.readFrom(in);
        Support support = Support.readFrom(in);
        LagWindow window = LagWindow.readFrom(in);
        OnlineScaler.readFrom(in); // the warm-up scaler: today's model freezes its own
        ConformalIntervals intervals = v2 ? ConformalIntervals.readLegacy(in, cfg.intervals())
                : ConformalIntervals.readFrom(in, cfg.intervals());
        if (intervals.horizon() != h) {
            throw new IOException("interval state for horizon " + intervals.horizon() + ", expected " + h);
        }
        in.readBoolean();
        in.readDouble();
        in.readDouble();
        for (int i = 0; i < dim + dim * (dim + 1) / 2; i++) { // coefficients and the upper triangle of P
            in.readDouble();
        }
        in.readLong();
        in.readLong();
        new OutlierCleaner(cfg.outlierK(), cfg.outlierConfirm()).readFrom(in); // read past: today's cleaner starts afresh
        if (v2) {
            for (int i = 0; i < h; i++) {
                in.readDouble(); // the means ar/2 stored
            }
        }
        ArForecaster ar = new ArForecaster(cfg, guard, t, support, new OnlineScaler(), intervals);
        ar.usePeriods(cfg.seasons().detect() ? new int[0] : cfg.seasons().periods(), null);
        for (int back = window.size(); back >= 1; back--) {
            ar.learn(t.inverse(window.lag(back)), false);
        }
        return ar;
    }
}
