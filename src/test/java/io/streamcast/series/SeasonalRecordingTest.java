package io.streamcast.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SeasonalRecordingTest {

    @Test
    void shouldBeExactlyWhatTheGeneratorWrites() throws IOException {
        try (InputStream in = SeasonalRecordingTest.class.getResourceAsStream("/recordings/seasonal-100.csv")) {
            assertNotNull(in, "recordings/seasonal-100.csv is not on the classpath");
            String shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String generated = SeasonalRecording.csv(SeasonalRecording.SERIES, SeasonalRecording.PERIOD, SeasonalRecording.SEED);
            assertEquals(generated.length(), shipped.length());
            assertEquals(generated, shipped);
        }
    }

    @Test
    void shouldHaveOneRaggedRowPerSeriesWithWholeSeasons() {
        String[] lines = SeasonalRecording.csv(5, 24, 1).split("\n");
        assertEquals(6, lines.length);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            int values = 0;
            for (int c = 1; c < f.length; c++) {
                values += f[c].isEmpty() ? 0 : 1;
            }
            assertEquals(0, values % 24, "row " + i + " has " + values + " values");
        }
    }
}
