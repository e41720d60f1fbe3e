package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.streamcast.config.Key;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration tables of the docs are generated from the key definitions ({@link ConfigDocs}): a page that
 * differs fails here with the first lines that differ; {@code -Dstreamcast.docs.update=true} rewrites the pages.
 */
class ConfigDocsTest {

    static final String UPDATE_PROPERTY = "streamcast.docs.update";

    @Test
    void shouldKeepEveryGeneratedTableAsTheDefinitionsWriteIt() throws IOException {
        List<String> stale = new ArrayList<>();
        for (String page : ConfigDocs.PAGES) {
            Path path = Path.of(page);
            String text = Files.readString(path, StandardCharsets.UTF_8);
            String generated = ConfigDocs.regenerate(text);
            if (generated.equals(text)) {
                continue;
            }
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.writeString(path, generated, StandardCharsets.UTF_8);
            } else {
                stale.add(page + ": " + firstDifference(text, generated));
            }
        }
        if (!stale.isEmpty()) {
            fail("configuration tables differ from the key definitions (rewrite them with -D" + UPDATE_PROPERTY
                    + "=true):\n" + String.join("\n", stale));
        }
    }

    @Test
    void shouldShowEveryKeyOfEveryTableOnAPage() throws IOException {
        StringBuilder pages = new StringBuilder();
        for (String page : ConfigDocs.PAGES) {
            pages.append(Files.readString(Path.of(page), StandardCharsets.UTF_8));
        }
        for (Key<?> k : ServiceKeys.ALL.keys()) {
            assertTrue(pages.indexOf("| `" + k.name() + "` |") >= 0, k.name() + " is in no docs table");
        }
        assertTrue(pages.indexOf("| `streamcast.model.horizon` | | refused | streamcast.model.horizon is not a key: "
                + "write streamcast.horizon") >= 0, "the refused spelling is documented");
    }

    @Test
    void shouldWriteATableBetweenItsMarkersAndRefuseAnUnknownTable() {
        String page = "intro\n<!-- generated: audio keys -->\nold rows\n<!-- end generated -->\nafter\n";
        String out = ConfigDocs.regenerate(page);
        assertTrue(out.startsWith("intro\n<!-- generated: audio keys -->\n| key | default | importance | meaning |\n"),
                out);
        assertTrue(out.contains("| `streamcast.audio.max-frame` | `16384` | low | samples;"), out);
        assertTrue(out.endsWith("<!-- end generated -->\nafter\n") && !out.contains("old rows"), out);
        assertEquals(out, ConfigDocs.regenerate(out), "regenerating is idempotent");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigDocs.regenerate(
                "<!-- generated: colour keys -->\n<!-- end generated -->"));
        assertTrue(e.getMessage().startsWith("no configuration table 'colour keys'"), e.getMessage());
    }

    private static String firstDifference(String checkedIn, String generated) {
        String[] a = checkedIn.split("\n", -1);
        String[] b = generated.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(end of file)";
            String y = i < b.length ? b[i] : "(end of file)";
            if (!x.equals(y)) {
                return "line " + (i + 1) + "\n- " + x + "\n+ " + y;
            }
        }
        return "(no line differs)";
    }
}
