package io.streamcast.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The keys of one component, in the order they are documented, with the namespaces the component owns and the keys
 * it refuses (removed, or a second spelling of another key): the equivalent of a Kafka {@code ConfigDef}. Immutable;
 * built with a {@link Builder} whose {@code define} calls are the keys' one definition. A table judges names
 * ({@link #requireKnown}) and writes its Markdown table ({@link #markdown}); {@link #union} joins tables.
 */
public final class KeyTable {
    private final List<String> namespaces;
    private final List<Key<?>> keys;
    private final Map<String, String> refused;

    private KeyTable(List<String> namespaces, List<Key<?>> keys, Map<String, String> refused) {
        this.namespaces = List.copyOf(namespaces);
        this.keys = List.copyOf(keys);
        this.refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    }

    /**
     * A table owning the names that start with one of {@code namespaces} (a prefix such as
     * {@code streamcast.model.}, or a whole name): any such name it does not define is refused.
     */
    public static Builder builder(String... namespaces) {
        return new Builder(List.of(namespaces));
    }

    /** One table of the keys, namespaces and refusals of all of {@code tables}. */
    public static KeyTable union(KeyTable... tables) {
        List<String> ns = new ArrayList<>();
        List<Key<?>> keys = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (KeyTable t : tables) {
            ns.addAll(t.namespaces);
            keys.addAll(t.keys);
            refused.putAll(t.refused);
        }
        return new KeyTable(ns, keys, refused);
    }

    public List<Key<?>> keys() {
        return keys;
    }

    public List<String> namespaces() {
        return namespaces;
    }

    /** Refused names and why, as the message a user gets. */
    public Map<String, String> refused() {
        return refused;
    }

    /** The keys whose names start with {@code prefix}, and no refusals: a part of the table to show on its own. */
    public KeyTable within(String prefix) {
        return new KeyTable(List.of(prefix), keys.stream().filter(k -> k.name().startsWith(prefix)).toList(), Map.of());
    }

    /** The key that {@code name} is (a templated key for any of its names). */
    public Optional<Key<?>> find(String name) {
        return keys.stream().filter(k -> k.matches(name)).findFirst();
    }

    /** Whether {@code name} starts with one of this table's namespaces (or is one of its names). */
    public boolean owns(String name) {
        return namespaces.stream().anyMatch(name::startsWith) || refused.containsKey(name) || find(name).isPresent();
    }

    /**
     * Throws a {@link ConfigException} naming the first name of {@code names} (in sorted order) that is refused or,
     * within this table's namespaces, defined by no key: with what was probably meant and what the namespace has.
     * Names outside the namespaces are not judged.
     */
    public void requireKnown(Collection<String> names) {
        for (String name : new TreeSet<>(names)) {
            if (refused.containsKey(name)) {
                throw new ConfigException(name, refused.get(name), false, null);
            }
            if (owns(name) && find(name).isEmpty()) {
                throw new ConfigException(name, "unknown configuration key " + name + suggestion(name), false, null);
            }
        }
    }

    /** A Markdown table of the keys: name, default, importance and meaning; then the names refused, and why. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| key | default | importance | meaning |\n|---|---|---|---|\n");
        for (Key<?> k : keys) {
            sb.append("| `").append(k.name()).append("` | ").append(cell(k.documentedDefault())).append(" | ")
                    .append(k.importance().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                    .append(cell(k.doc())).append(" |\n");
        }
        refused.forEach((name, why) -> sb.append("| `").append(name).append("` | | refused | ").append(cell(why))
                .append(" |\n"));
        return sb.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** "; did you mean X?" for a near name, and " (PREFIX.* has: a, b)" for the names beside it. */
    private String suggestion(String name) {
        String nearest = null;
        int best = Integer.MAX_VALUE;
        List<String> concrete = new ArrayList<>();
        for (Key<?> k : keys) {
            concrete.add(concrete(k, name));
        }
        for (String c : concrete) {
            int d = distance(name, c);
            if (d < best) {
                best = d;
                nearest = c;
            }
        }
        String namespace = name.substring(0, name.lastIndexOf('.') + 1);
        List<String> siblings = concrete.stream().filter(c -> c.startsWith(namespace)
                && c.indexOf('.', namespace.length()) < 0).map(c -> c.substring(namespace.length())).sorted().toList();
        String did = best <= 3 ? "; did you mean " + nearest + "?" : "";
        return did + (siblings.isEmpty() ? "" : " (" + namespace + "* has: " + String.join(", ", siblings) + ")");
    }

    /** A templated key's name with the word {@code name} has at the placeholder's place, else the name as it is. */
    private static String concrete(Key<?> k, String name) {
        if (!k.templated()) {
            return k.name();
        }
        String[] template = k.name().split("\\.");
        String[] given = name.split("\\.");
        for (int i = 0; i < template.length; i++) {
            if (template[i].equals(Key.PLACEHOLDER) && i < given.length && given[i].matches("[A-Za-z0-9_-]+")) {
                template[i] = given[i];
            }
        }
        return String.join(".", template);
    }

    /** Levenshtein distance, for the "did you mean". */
    static int distance(String a, String b) {
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

    /**
     * Collects the definitions of one component; {@link #build} freezes it. Keep the builder private to the class
     * that defines the keys, and build the table after the last {@code define}: a later one fails at once.
     */
    public static final class Builder {
        private final List<String> namespaces;
        private final List<Key<?>> keys = new ArrayList<>();
        private final Map<String, String> refused = new LinkedHashMap<>();
        private boolean built;

        private Builder(List<String> namespaces) {
            this.namespaces = namespaces;
        }

        /** A key with a fixed default ({@code null}: none, the key is optional). */
        public <T> Key<T> define(String name, Type<T> type, T defaultValue, Validator<? super T> validator,
                Importance importance, String doc) {
            return add(new Key<>(name, type, defaultValue, null, validator, importance, doc));
        }

        /** A key whose default depends on other values, described in words for the docs ("4·H within 16..256"). */
        public <T> Key<T> defineComputed(String name, Type<T> type, String documentedDefault, Validator<? super T> validator,
                Importance importance, String doc) {
            return add(new Key<>(name, type, null, documentedDefault, validator, importance, doc));
        }

        /**
         * A key that overrides {@code of} for some of the values it applies to (a rule's {@code horizon}): the same
         * type and check, no default of its own (the default is {@code of}'s value).
         */
        public <T> Key<T> override(String name, Key<T> of) {
            return add(new Key<>(name, of.type(), null, "`" + of.name() + "`", of.validator(), of.importance(),
                    "`" + of.name() + "` for the series the rule matches"));
        }

        /** A key that existed once: refused with why, in the words {@code KEY was removed in issue N: WHY; delete the key}. */
        public Builder removed(String name, int issue, String why) {
            requireOpen(name);
            refused.put(name, name + " was removed in issue " + issue + ": " + why + "; delete the key");
            return this;
        }

        /** A second spelling of {@code key}: refused, naming the one spelling. */
        public Builder renamed(String name, Key<?> key) {
            requireOpen(name);
            refused.put(name, name + " is not a key: write " + key.name() + " (each key has one spelling)");
            return this;
        }

        public KeyTable build() {
            built = true;
            return new KeyTable(namespaces, keys, refused);
        }

        private <T> Key<T> add(Key<T> key) {
            requireOpen(key.name());
            if (keys.stream().anyMatch(k -> k.name().equals(key.name()))) {
                throw new IllegalStateException(key.name() + " is defined twice");
            }
            keys.add(key);
            return key;
        }

        private void requireOpen(String name) {
            if (built) {
                throw new IllegalStateException(name + " is defined after its table was built");
            }
        }
    }
}
