package io.streamcast.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Per-series gauges — latest value, one-step forecast mean and bounds, anomaly score — for the series
 * of an allow-list only, so that a million series cannot become a million Prometheus time series.
 * The allow-list is a comma-separated list of ids and globs ({@link Glob}: {@code *}, {@code ?},
 * {@code [0-3]}, {@code {a,b}}). One instance per registry ({@link #of}), so a topology rebuilt on a config change
 * keeps feeding the same gauges instead of leaving dead ones behind. Thread-safe.
 */
public final class SeriesMeters {

    /** The allow-list when none is configured: the series of the bundled demo recordings. */
    public static final String DEFAULT_ALLOW_LIST = "machine-temp,price-gbm,mic-1/rms";

    private static final Map<MeterRegistry, SeriesMeters> BY_REGISTRY = new WeakHashMap<>();

    private final MeterRegistry registry;
    private final Clock clock;
    private volatile Allowed allowed;
    private final ConcurrentMap<String, double[]> bySeries = new ConcurrentHashMap<>();

    private static final int VALUE = 0;
    private static final int MEAN = 1;
    private static final int LO = 2;
    private static final int HI = 3;
    private static final int SCORE = 4;
    private static final int LAST_SEEN = 5;

    SeriesMeters(MeterRegistry registry, String allowList) {
        this(registry, allowList, Clock.systemUTC());
    }

    SeriesMeters(MeterRegistry registry, String allowList, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allowed = parse(allowList);
    }

    /**
     * The per-series meters of {@code registry}, with {@code allowList} from now on: a series no longer
     * allowed loses its meters (a changed configuration must not leave stale gauges behind).
     */
    public static SeriesMeters of(MeterRegistry registry, String allowList) {
        Allowed patterns = parse(allowList);
        synchronized (BY_REGISTRY) {
            SeriesMeters m = BY_REGISTRY.computeIfAbsent(registry, r -> new SeriesMeters(r, allowList));
            m.allowed = patterns;
            m.bySeries.keySet().removeIf(series -> {
                if (m.allows(series)) {
                    return false;
                }
                for (String name : List.of(MeterNames.SERIES_VALUE, MeterNames.SERIES_FORECAST, MeterNames.SERIES_ANOMALY_SCORE,
                        MeterNames.SERIES_LAST_SEEN)) {
                    m.registry.find(name).tag("series", series).meters().forEach(m.registry::remove);
                }
                return true;
            });
            return m;
        }
    }

    /**
     * The allow-list: its plain ids in a set, the rest as patterns. Asked twice per event, so an id is looked
     * up rather than matched against every glob's regular expression (JFR, issue 13).
     */
    private record Allowed(Set<String> ids, List<Pattern> globs) {}

    static Allowed parse(String allowList) {
        Set<String> ids = new HashSet<>();
        List<Pattern> globs = new ArrayList<>();
        for (Glob g : Glob.list(allowList)) {
            String text = g.toString();
            if (text.chars().noneMatch(c -> "*?[]{}\\".indexOf(c) >= 0)) {
                ids.add(text);
            } else {
                globs.add(g.pattern());
            }
        }
        return new Allowed(Set.copyOf(ids), List.copyOf(globs));
    }

    /** Whether {@code series} gets per-series gauges. */
    public boolean allows(String series) {
        Allowed a = allowed;
        if (a.ids().contains(series)) {
            return true;
        }
        for (Pattern p : a.globs()) {
            if (p.matcher(series).matches()) {
                return true;
            }
        }
        return false;
    }

    /** An observed value and its anomaly score (NaN when the step was not scored). */
    public void observed(String series, double value, double score) {
        double[] v = slots(series);
        if (v != null) {
            v[VALUE] = value;
            v[SCORE] = score;
            v[LAST_SEEN] = clock.millis() / 1000.0; // wall time: a replay of old data is not "silent"
        }
    }

    /** The forecast of the next step published for {@code series}. */
    public void forecast(String series, double mean, double lo, double hi) {
        double[] v = slots(series);
        if (v != null) {
            v[MEAN] = mean;
            v[LO] = lo;
            v[HI] = hi;
        }
    }

    private double[] slots(String series) {
        if (!allows(series)) {
            return null;
        }
        return bySeries.computeIfAbsent(series, this::register);
    }

    private double[] register(String series) {
        double[] v = new double[6];
        Arrays.fill(v, Double.NaN);
        gauge(MeterNames.SERIES_VALUE, "latest observed value", series, v, VALUE, null);
        gauge(MeterNames.SERIES_FORECAST, "next-step forecast (mean and interval bounds)", series, v, MEAN, "mean");
        gauge(MeterNames.SERIES_FORECAST, "next-step forecast (mean and interval bounds)", series, v, LO, "lo");
        gauge(MeterNames.SERIES_FORECAST, "next-step forecast (mean and interval bounds)", series, v, HI, "hi");
        gauge(MeterNames.SERIES_ANOMALY_SCORE, "anomaly score of the latest observation (0..1)", series, v, SCORE, null);
        Gauge.builder(MeterNames.SERIES_LAST_SEEN, v, a -> a[LAST_SEEN]).baseUnit("seconds").strongReference(true)
                .description("wall time (Unix seconds) the series' latest observation was processed")
                .tag("series", series).register(registry);
        return v;
    }

    private void gauge(String name, String description, String series, double[] v, int slot, String bound) {
        Gauge.Builder<double[]> b = Gauge.builder(name, v, a -> a[slot]).description(description).tag("series", series)
                .strongReference(true);
        if (bound != null) {
            b.tag("bound", bound);
        }
        b.register(registry);
    }
}
