package io.streamcast.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class InputParsingTest {

    @Test
    void shouldReadDecimalsAndSpelledOutNonFiniteValuesOnly() {
        assertEquals(-1.5e3, CsvValues.number("-1.5e3"));
        assertEquals(2.0, CsvValues.number("2."));
        assertTrue(Double.isNaN(CsvValues.number("NaN")));
        assertEquals(Double.NEGATIVE_INFINITY, CsvValues.number("-inf"));
        for (String bad : new String[] {"1.5d", "0x1p3", "abc", "", "1,5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvValues.number(bad));
            assertEquals("'" + bad + "' is not a number", e.getMessage());
        }
    }

    @Test
    void shouldSplitTrimAndUnquoteFields() {
        assertArrayEquals(new String[] {"a b", "1", "", ""}, CsvValues.split(" \"a b\" , 1,,"));
    }

    @Test
    void shouldParseEpochMillisIsoAndSpacedTimestampsAsUtc() {
        assertEquals(1795392000000L, Timestamps.parse("1795392000000"));
        assertEquals(1795392000250L, Timestamps.parse("2026-11-23T00:00:00.250Z"));
        assertEquals(1795392000000L, Timestamps.parse("2026-11-23T01:00:00+01:00"));
        assertEquals(1795392000000L, Timestamps.parse("2026-11-23 00:00:00"));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("23/11/2026"));
    }

    @Test
    void shouldPrintProgressAtEachTenthOfALongJobOnly() {
        StringWriter err = new StringWriter();
        Progress p = new Progress(new PrintWriter(err), "job", 1_000_000);
        for (long done = 0; done <= 1_000_000; done += 50_000) {
            p.at(done);
        }
        String[] lines = err.toString().split("\\R");
        assertEquals(10, lines.length);
        assertEquals("job: 10% (100000 of 1000000)", lines[0]);
        assertEquals("job: 100% (1000000 of 1000000)", lines[9]);
        StringWriter quiet = new StringWriter();
        new Progress(new PrintWriter(quiet), "job", 1_000).at(1_000);
        assertEquals("", quiet.toString());
    }
}
