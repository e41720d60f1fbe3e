package io.streamcast.stream;

import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.model.SettingKeys;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The settings the models and the anomaly detector read — {@code streamcast.model.*}, {@code streamcast.intervals.*}
 * and {@code streamcast.anomaly.*} — and the check that refuses any other key in those namespaces by name, for the
 * service and for {@code backtest}, {@code score} and {@code bench} alike. The keys come from the config classes
 * themselves: {@link SettingKeys} for the models, and for the detector the keys {@link AnomalyConfig#fromProperties}
 * asks for; nothing here lists them.
 */
public final class KnownSettings {

    /** The namespaces whose keys the models and the detector read. */
    public static final List<String> NAMESPACES = List.of("streamcast.model.", "streamcast.intervals.",
            "streamcast.anomaly.");

    private static final SortedSet<String> KNOWN = discover();
    private static final java.util.Map<String, String> REMOVED = removed();

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
     * but read by nothing, with the keys its namespace does have; keys outside the namespaces are not judged here.
     */
    public static void requireKnown(Collection<String> keys) {
        for (String key : new TreeSet<>(keys)) {
            if (REMOVED.containsKey(key)) {
                throw new IllegalArgumentException(key + " was removed: " + REMOVED.get(key) + "; delete the key");
            }
            if (inNamespace(key) && !KNOWN.contains(key)) {
                throw new IllegalArgumentException("unknown configuration key " + key + suggestion(key));
            }
        }
    }

    private static java.util.Map<String, String> removed() {
        java.util.Map<String, String> r = new java.util.TreeMap<>(SettingKeys.removed());
        r.putAll(AnomalyConfig.removedKeys());
        return Collections.unmodifiableMap(r);
    }

    private static String suggestion(String key) {
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String k : KNOWN) {
            int d = distance(key, k);
            if (d < best) {
                best = d;
                nearest = k;
            }
        }
        String namespace = key.substring(0, key.lastIndexOf('.') + 1);
        List<String> siblings = KNOWN.stream().filter(k -> k.startsWith(namespace) && k.indexOf('.', namespace.length()) < 0)
                .map(k -> k.substring(namespace.length())).toList();
        String did = best <= 3 ? "; did you mean " + nearest + "?" : "";
        return did + (siblings.isEmpty() ? "" : " (" + namespace + "* has: " + String.join(", ", siblings) + ")");
    }

    /** Levenshtein distance, for a "did you mean". */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static SortedSet<String> discover() {
        SortedSet<String> keys = new TreeSet<>(SettingKeys.known());
        Properties asked = new Properties() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getProperty(String key) {
                keys.add(key);
                return null;
            }

            @Override
            public String getProperty(String key, String defaultValue) {
                keys.add(key);
                return defaultValue;
            }
        };
        AnomalyConfig.fromProperties(asked);
        return Collections.unmodifiableSortedSet(keys);
    }
}
