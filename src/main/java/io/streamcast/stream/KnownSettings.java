package io.streamcast.stream;

import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.config.Key;
import io.streamcast.config.KeyTable;
import io.streamcast.model.SettingKeys;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The settings the models and the anomaly detector read — {@code streamcast.model.*}, {@code streamcast.intervals.*}
 * and {@code streamcast.anomaly.*} — and the check that refuses any other key in those namespaces by name, for the
 * service and for {@code backtest}, {@code score} and {@code bench} alike. The keys are the definitions of
 * {@link SettingKeys} (the models) and {@link AnomalyConfig#KEYS} (the detector); nothing here lists them.
 */
public final class KnownSettings {

    /** The namespaces whose keys the models and the detector read. */
    public static final List<String> NAMESPACES = List.of("streamcast.model.", "streamcast.intervals.",
            "streamcast.anomaly.");

    private static final KeyTable TABLE = KeyTable.union(SettingKeys.table(), AnomalyConfig.KEYS);
    private static final SortedSet<String> KNOWN = Collections.unmodifiableSortedSet(TABLE.keys().stream()
            .map(Key::name).collect(Collectors.toCollection(TreeSet::new)));

    private KnownSettings() {}

    /** Every key of the three namespaces that something reads. */
    public static SortedSet<String> known() {
        return KNOWN;
    }

    /** Whether {@code key} belongs to one of {@link #NAMESPACES}. */
    public static boolean inNamespace(String key) {
        return NAMESPACES.stream().anyMatch(key::startsWith);
    }

    /**
     * Throws {@link IllegalArgumentException} naming the first key of {@code keys} that is in one of the namespaces
     * but read by nothing, or refused (removed, or a second spelling), with the keys its namespace does have; keys
     * outside the namespaces are not judged here.
     */
    public static void requireKnown(Collection<String> keys) {
        TABLE.requireKnown(keys);
    }
}
