package io.streamcast.model;

import io.streamcast.config.Key;
import io.streamcast.config.Type;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which seasonal periods the models use: found per series from its own history ({@link #AUTO}, the
 * default: a user who publishes a new series configures nothing), none at all ({@link #NONE}), or
 * the same fixed periods for every series (an override, e.g. {@code 24,168} for hourly data).
 * Written {@code auto}, {@code none} (or {@code 0}) and {@code 24,168} in settings and on the
 * command line ({@code streamcast.model.season}, {@code --season}).
 *
 * @param detect  true when each series' periods are detected from its history
 * @param periods the fixed periods, ascending and distinct, each at least 2; empty for auto and none
 */
public record Seasons(boolean detect, int[] periods) {
    public static final Seasons AUTO = new Seasons(true, new int[0]);
    public static final Seasons NONE = new Seasons(false, new int[0]);
    /** More fixed periods than this are refused: each costs per-series state. */
    public static final int MAX_PERIODS = 4;
    public static final int MAX_PERIOD = 100_000;

    public Seasons {
        periods = periods.clone();
        if (detect && periods.length > 0) {
            throw new IllegalArgumentException("seasons are either detected or fixed, not both");
        }
        if (periods.length > MAX_PERIODS) {
            throw new IllegalArgumentException("at most " + MAX_PERIODS + " seasonal periods, got " + periods.length);
        }
        for (int i = 0; i < periods.length; i++) {
            if (periods[i] < 2 || periods[i] > MAX_PERIOD) {
                throw new IllegalArgumentException("a seasonal period must be in 2.." + MAX_PERIOD + ", got " + periods[i]);
            }
            if (i > 0 && periods[i] <= periods[i - 1]) {
                throw new IllegalArgumentException("seasonal periods must be ascending and distinct, got "
                        + Arrays.toString(periods));
            }
        }
    }

    /** Fixed periods for every series (sorted here); none when called without periods. */
    public static Seasons of(int... periods) {
        int[] p = periods.clone();
        Arrays.sort(p);
        return p.length == 0 ? NONE : new Seasons(false, p);
    }

    /** How settings and options write seasons: {@code auto}, {@code none} (or {@code 0}) or periods such as {@code 24,168}. */
    public static final Type<Seasons> TYPE = Type.of("auto, none or seasonal periods such as 24 or 24,168",
            Seasons::read, Seasons::toString);

    /**
     * Reads {@code auto}, {@code none}, {@code 0} or a comma-separated list of periods; a bad value
     * is an IllegalArgumentException naming {@code key}.
     */
    public static Seasons parse(String key, String text) {
        return Key.of(key, TYPE).parse(text);
    }

    private static Seasons read(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("none") || t.equals("0")) {
            return NONE;
        }
        return of(Arrays.stream(t.split(",")).map(String::trim).mapToInt(Integer::parseInt).distinct().toArray());
    }

    @Override
    public int[] periods() {
        return periods.clone();
    }

    /** The longest fixed period, or 0 when there is none. */
    public int longest() {
        return periods.length == 0 ? 0 : periods[periods.length - 1];
    }

    /** The shortest fixed period, or 0 when there is none. */
    public int shortest() {
        return periods.length == 0 ? 0 : periods[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Seasons s && detect == s.detect && Arrays.equals(periods, s.periods);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(detect) * 31 + Arrays.hashCode(periods);
    }

    /** The text {@link #parse} reads back: {@code auto}, {@code none} or {@code 24,168}. */
    @Override
    public String toString() {
        if (detect) {
            return "auto";
        }
        if (periods.length == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int p : periods) {
            sb.append(sb.length() == 0 ? "" : ",").append(p);
        }
        return sb.toString();
    }
}
