package io.streamcast.model;

import io.streamcast.config.Key;
import io.streamcast.config.KeyTable;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every model key ({@code streamcast.model.*}, {@code streamcast.intervals.*}, and the engine's
 * {@code streamcast.horizon} and {@code streamcast.seed}), so that a misspelt one is refused by name instead of
 * silently left at its default. Each config record defines its keys once, beside the record ({@link EngineConfig#KEYS},
 * {@code ArConfig.KEYS}, ...); this is their union, in the order the docs show them. Adding a model with keys of its
 * own adds its table to {@link #TABLE}.
 */
public final class SettingKeys {

    private static final KeyTable TABLE = KeyTable.union(EngineConfig.KEYS, IntervalConfig.KEYS, ArConfig.KEYS,
            FfArConfig.KEYS, LstmConfig.KEYS, AutoEngine.KEYS);

    private SettingKeys() {}

    /** Every model key's definition, and the names refused. */
    public static KeyTable table() {
        return TABLE;
    }

    /** Keys that existed once (or a second spelling of one), with what became of them. */
    public static Map<String, String> removed() {
        return Collections.unmodifiableMap(new TreeMap<>(TABLE.refused()));
    }

    /** Every key a model or the intervals read, plus the engine's own (horizon, season, seed, coverage). */
    public static SortedSet<String> known() {
        SortedSet<String> names = new TreeSet<>();
        TABLE.keys().stream().map(Key::name).forEach(names::add);
        return Collections.unmodifiableSortedSet(names);
    }
}
