package io.streamcast.stream;

import io.streamcast.anomaly.AnomalyConfig;
import io.streamcast.config.KeyTable;
import io.streamcast.model.SettingKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration tables of the docs, generated from the key definitions: a page holds
 * {@code <!-- generated: NAME -->} … {@code <!-- end generated -->} where a table goes, and {@link #regenerate}
 * rewrites what lies between from the table {@code NAME} ({@link #TABLES}). {@code ConfigDocsTest} fails when a
 * checked-in page differs; {@code -Dstreamcast.docs.update=true} rewrites the pages.
 */
public final class ConfigDocs {

    /** The pages that hold generated tables. */
    public static final List<String> PAGES = List.of("docs/configuration.md", "docs/service.md", "docs/anomalies.md");

    private static final Pattern BLOCK = Pattern.compile(
            "(<!-- generated: ([a-z ]+) -->\\n)(.*?)(<!-- end generated -->)", Pattern.DOTALL);

    /** Table names as the markers write them. */
    static final Map<String, KeyTable> TABLES = tables();

    private ConfigDocs() {}

    private static Map<String, KeyTable> tables() {
        Map<String, KeyTable> t = new LinkedHashMap<>();
        t.put("service keys", RuntimeConfig.KEYS);
        t.put("topology keys", ServiceKeys.TOPOLOGY);
        t.put("audio keys", ServiceKeys.TOPOLOGY.within("streamcast.audio."));
        t.put("model keys", SettingKeys.table());
        t.put("anomaly keys", AnomalyConfig.KEYS);
        return Map.copyOf(t);
    }

    /** {@code page} with every generated block rewritten from its table; an unknown table name is an error. */
    public static String regenerate(String page) {
        Matcher m = BLOCK.matcher(page);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            KeyTable table = TABLES.get(m.group(2));
            if (table == null) {
                throw new IllegalArgumentException("no configuration table '" + m.group(2) + "'; there are "
                        + TABLES.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table.markdown() + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
