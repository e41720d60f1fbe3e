package io.streamcast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One definition per key: parsing, defaults, checks and their messages, refusals and the Markdown table. */
class KeyTableTest {

    enum Colour { RED, DARK_BLUE }

    private static final KeyTable.Builder DEFINE = KeyTable.builder("test.");
    private static final Key<Integer> SIZE = DEFINE.define("test.size", Type.INT, 8, Validator.between(1, 64),
            Importance.HIGH, "how many");
    private static final Key<Double> RATE = DEFINE.define("test.rate", Type.DOUBLE, 0.5,
            Validator.of("in (0, 1]", r -> r > 0 && r <= 1), Importance.LOW, "how fast | how often");
    private static final Key<Colour> COLOUR = DEFINE.define("test.colour", Type.choice(Colour.class), Colour.RED,
            Validator.any(), Importance.MEDIUM, "which");
    private static final Key<Integer> WIDTH = DEFINE.defineComputed("test.width", Type.INT, "twice the size",
            Validator.positive(), Importance.LOW, "how wide");
    private static final Key<String> PART_NAME = DEFINE.define("test.parts.NAME.label", Type.STRING, null,
            Validator.any(), Importance.LOW, "a part's label");
    private static final KeyTable TABLE = DEFINE.removed("test.old", 3, "it did nothing")
            .renamed("test.count", SIZE).build();

    @Test
    void shouldParseCheckAndDefaultByTheDefinition() {
        assertEquals(12, SIZE.read(Map.of("test.size", " 12 ")));
        assertEquals(8, SIZE.read(Map.of()));
        assertEquals(Colour.DARK_BLUE, COLOUR.parse("dark_blue"));
        assertTrue(WIDTH.find(Map.of()).isEmpty());
        assertEquals("test.width has no fixed default: twice the size",
                assertThrows(IllegalStateException.class, WIDTH::defaultValue).getMessage());
    }

    @Test
    void shouldWordEveryRefusedValueOneWay() {
        assertEquals("test.size must be an integer, got 'ten'",
                assertThrows(ConfigException.class, () -> SIZE.parse("ten")).getMessage());
        assertEquals("test.size must be in 1..64, got 65",
                assertThrows(ConfigException.class, () -> SIZE.parse("65")).getMessage());
        assertEquals("test.rate must be in (0, 1], got 1.5",
                assertThrows(ConfigException.class, () -> RATE.check(1.5)).getMessage());
        assertEquals("test.colour must be red or dark_blue, got 'green'",
                assertThrows(ConfigException.class, () -> COLOUR.parse("green")).getMessage());
        ConfigException e = assertThrows(ConfigException.class, () -> SIZE.parse("x"));
        assertTrue(e.unreadable() && e.key().equals("test.size"));
        assertTrue(!assertThrows(ConfigException.class, () -> SIZE.parse("0")).unreadable());
        Key<String> explained = Key.of("test.glob", Type.of("a glob", t -> {
            throw new Type.Explained("glob '" + t + "' has a [ that is never closed", null);
        }));
        assertEquals("configuration key test.glob: glob 'a[' has a [ that is never closed",
                assertThrows(ConfigException.class, () -> explained.parse("a[")).getMessage());
    }

    @Test
    void shouldRefuseUnknownRemovedAndSecondSpellingsByName() {
        assertEquals("unknown configuration key test.sise; did you mean test.size? (test.* has: colour, rate, size, "
                + "width)", assertThrows(ConfigException.class, () -> TABLE.requireKnown(List.of("test.sise")))
                .getMessage());
        assertEquals("test.old was removed in issue 3: it did nothing; delete the key",
                assertThrows(ConfigException.class, () -> TABLE.requireKnown(List.of("test.old"))).getMessage());
        assertEquals("test.count is not a key: write test.size (each key has one spelling)",
                assertThrows(ConfigException.class, () -> TABLE.requireKnown(List.of("test.count"))).getMessage());
        TABLE.requireKnown(List.of("test.size", "test.parts.wheel.label", "other.size"));
        assertTrue(assertThrows(ConfigException.class, () -> TABLE.requireKnown(List.of("test.parts.wheel.lable")))
                .getMessage().contains("did you mean test.parts.wheel.label?"));
    }

    @Test
    void shouldNameTemplatedKeysAndRefuseADefaultItsCheckRefuses() {
        assertEquals("test.parts.wheel.label", PART_NAME.named("wheel").name());
        assertTrue(PART_NAME.matches("test.parts.x-1.label") && !PART_NAME.matches("test.parts.a.b.label"));
        assertThrows(IllegalArgumentException.class, () -> PART_NAME.named("a.b"));
        assertThrows(IllegalStateException.class, () -> KeyTable.builder("x.").define("x.n", Type.INT, 0,
                Validator.positive(), Importance.LOW, "n"));
        KeyTable.Builder b = KeyTable.builder("y.");
        b.build();
        assertThrows(IllegalStateException.class, () -> b.define("y.late", Type.INT, 1, Validator.any(),
                Importance.LOW, "defined after the table was built"));
    }

    @Test
    void shouldWriteAMarkdownTableFromTheDefinitions() {
        String md = TABLE.markdown();
        assertTrue(md.startsWith("| key | default | importance | meaning |\n|---|---|---|---|\n"
                + "| `test.size` | `8` | high | how many |\n"
                + "| `test.rate` | `0.5` | low | how fast \\| how often |\n"
                + "| `test.colour` | `red` | medium | which |\n"
                + "| `test.width` | twice the size | low | how wide |\n"
                + "| `test.parts.NAME.label` | (unset) | low | a part's label |\n"), md);
        assertTrue(md.endsWith("| `test.count` | | refused | test.count is not a key: write test.size (each key has "
                + "one spelling) |\n"), md);
    }
}
