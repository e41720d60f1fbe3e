package io.streamcast.model;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The model settings that exist ({@code streamcast.model.*}, {@code streamcast.intervals.*}), so that a misspelt
 * one is refused by name instead of silently left at its default. They are not listed by hand: each config record
 * reads its keys in its {@code from(EngineConfig)}, and the keys known are those the readers below ask for when
 * given an empty configuration. Adding a key to a model is therefore one edit — reading it — as long as
 * {@code from} reads every key unconditionally (a key read only when another has some value would be missed).
 * Adding a model with a config record of its own adds its reader to {@link #READERS}.
 */
public final class SettingKeys {

    /** Every config reader of the registered models. */
    private static final List<Consumer<EngineConfig>> READERS = List.of(ArConfig::from, FfArConfig::from,
            LstmConfig::from, IntervalConfig::from, AutoEngine::members, AutoEngine::combine, AutoEngine::parallel);

    private static final SortedSet<String> KNOWN = discover();

    /** Keys of earlier models, and what became of them: refused with that reason rather than "unknown". */
    private static final Map<String, String> REMOVED = Map.of(
            ArConfig.PREFIX + "intercept", "AR always fits an intercept (removed in issue 11)",
            ArConfig.PREFIX + "seasonal-differencing", "AR regresses on values and on seasonal differences side by "
                    + "side and takes each horizon step from the one with the lower settled error (removed in issue 11)");

    /** Keys that existed once, with what became of them. */
    public static Map<String, String> removed() {
        return REMOVED;
    }

    private SettingKeys() {}

    /** Every key a model or the intervals read, plus the engine's own (horizon, season, seed, coverage). */
    public static SortedSet<String> known() {
        return KNOWN;
    }

    private static SortedSet<String> discover() {
        Recorder recorder = new Recorder();
        EngineConfig empty = new EngineConfig(1, Seasons.AUTO, 0L, EngineConfig.DEFAULT_COVERAGE, recorder);
        READERS.forEach(r -> r.accept(empty));
        SortedSet<String> keys = new TreeSet<>(recorder.asked);
        keys.addAll(List.of(EngineConfig.HORIZON, EngineConfig.SEASON, EngineConfig.SEED, EngineConfig.COVERAGE));
        return Collections.unmodifiableSortedSet(keys);
    }

    /**
     * An empty settings map that remembers every key asked for; {@link EngineConfig} keeps it as it is (other maps
     * it copies), so the readers' {@code intSetting}, {@code setting}, … calls land here.
     */
    static final class Recorder extends AbstractMap<String, String> {
        private final Set<String> asked = new TreeSet<>();

        @Override
        public String get(Object key) {
            asked.add(String.valueOf(key));
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            asked.add(String.valueOf(key));
            return false;
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return Set.of();
        }
    }
}
