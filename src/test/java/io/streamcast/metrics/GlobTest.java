package io.streamcast.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobTest {

    private static List<String> matching(String glob, String... ids) {
        Glob g = Glob.of(glob);
        return java.util.Arrays.stream(ids).filter(g::matches).toList();
    }

    @Test
    void shouldMatchStarAndQuestionMarkAcrossSlashes() {
        assertEquals(List.of("mic-1", "mic-1/rms", "mic-"), matching("mic-*", "mic-1", "mic-1/rms", "mic-", "mi-1"));
        assertEquals(List.of("mic-1"), matching("mic-?", "mic-1", "mic-12", "mic-"));
        assertEquals(List.of("mic-1/rms"), matching("mic-*/*", "mic-1/rms", "mic-1"));
    }

    @Test
    void shouldMatchCharacterClassesAsShellsDo() {
        assertEquals(List.of("series-00", "series-03"),
                matching("series-0[0-3]", "series-00", "series-03", "series-04", "series-0a"));
        assertEquals(List.of("pump-b", "pump-c"), matching("pump-[bc]", "pump-a", "pump-b", "pump-c"));
        assertEquals(List.of("pump-a", "pump-7"), matching("pump-[!bc]", "pump-a", "pump-b", "pump-7"));
        assertEquals(List.of("pump-a"), matching("pump-[^b-z0-9]", "pump-a", "pump-b", "pump-7"));
        assertEquals(List.of("x]", "x-"), matching("x[]-]", "x]", "x-", "xa"));
        assertEquals(List.of("a.b"), matching("a[.]b", "a.b", "axb"), "class members are literal");
    }

    @Test
    void shouldMatchAlternativesEachAGlobOfItsOwn() {
        assertEquals(List.of("machine-temp", "price-gbm", "price-x"),
                matching("{machine-temp,price-*}", "machine-temp", "price-gbm", "price-x", "machine-x"));
        assertEquals(List.of("plant/a1", "plant/b2"), matching("plant/{a[0-9],b{1,2}}", "plant/a1", "plant/b2",
                "plant/b3", "plant/c1"));
        assertEquals(List.of("x"), matching("{x,}", "x", "y"));
        assertTrue(Glob.of("{,x}").matches(""), "an empty alternative matches nothing more");
    }

    @Test
    void shouldTakeEverythingElseLiterallyAndHonourEscapes() {
        assertEquals(List.of("a.b(c)+$"), matching("a.b(c)+$", "a.b(c)+$", "axb(c)+$"));
        assertEquals(List.of("a*"), matching("a\\*", "a*", "ab"));
        assertEquals(List.of("[x]"), matching("\\[x]", "[x]", "x"));
        assertEquals(List.of("a,b"), matching("{a\\,b}", "a,b", "a"));
        assertEquals(List.of("a}b"), matching("a}b", "a}b", "ab"), "a } without its { is itself");
        assertEquals(List.of("a}b", "a,b"), matching("a{\\},\\,}b", "a}b", "a,b", "ab"));
    }

    @Test
    void shouldRefuseWhatItCannotHonourSayingWhereAndWhy() {
        assertEquals("glob 'series-0[0-3' has a [ that is never closed by ] (character 9)",
                assertThrows(IllegalArgumentException.class, () -> Glob.of("series-0[0-3")).getMessage());
        assertEquals("glob 'sensor-{a,b' has a { that is never closed by } (character 8)",
                assertThrows(IllegalArgumentException.class, () -> Glob.of("sensor-{a,b")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Glob.of("x[z-a]")).getMessage()
                .contains("range z-a that runs backwards"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Glob.of("x\\")).getMessage()
                .contains("ends with a lone \\"));
        assertThrows(IllegalArgumentException.class, () -> Glob.of(""));
    }

    @Test
    void shouldSplitAListAtTheCommasOutsideBracesAndClasses() {
        List<Glob> list = Glob.list(" machine-{a,b} , mic-*,,x[,]y ");
        assertEquals(List.of("machine-{a,b}", "mic-*", "x[,]y"), list.stream().map(Glob::toString).toList());
        assertTrue(list.get(2).matches("x,y"));
        assertFalse(list.get(0).matches("machine-c"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Glob.list("a,b{c")).getMessage()
                .contains("never closed"));
    }
}
