package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamcast.model.Forecast;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The forecast JSON written without Jackson's generator is byte for byte what the generator writes. */
class OutputJsonTest {
    private static final double[] EDGES = {0.0, -0.0, 1e-3, 9.99e-4, 1e-5, 1e7, 9_999_999.999, 1e-323, 4.9e-324,
            Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0E23, 2e-3, 0.1 + 0.2, 100, 123456.789, -7.5e-12,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @Test
    void shouldWriteThePlainForecastAsTheGeneratorDoes() {
        SplittableRandom r = new SplittableRandom(13);
        for (int round = 0; round < 20_000; round++) {
            int h = 1 + r.nextInt(12);
            double[] mean = new double[h];
            double[] lo = new double[h];
            double[] hi = new double[h];
            for (int i = 0; i < h; i++) {
                mean[i] = value(r);
                lo[i] = value(r);
                hi[i] = value(r);
            }
            Forecast f = new Forecast(r.nextBoolean() ? "ar" : "ffar", mean, lo, hi);
            long origin = switch (r.nextInt(4)) {
                case 0 -> r.nextLong(-100_000_000_000_000L, 400_000_000_000_000L);
                case 1 -> r.nextLong(0, 4_000_000_000_000L) / 1000 * 1000;
                case 2 -> 253_402_300_800_000L - 1 - r.nextInt(1000);
                default -> r.nextLong(1_700_000_000_000L, 1_900_000_000_000L);
            };
            long step = r.nextBoolean() ? 0 : r.nextLong(0, 90_000_000L);
            String series = "s-" + r.nextInt(1000) + "/x.y_z:" + r.nextInt(9);
            assertEquals(new String(OutputJson.generatedForecast(series, f, origin, step), StandardCharsets.UTF_8),
                    new String(OutputJson.forecast(series, f, origin, step), StandardCharsets.UTF_8), "round " + round);
        }
    }

    @Test
    void shouldLeaveIdsThatNeedEscapingToTheGenerator() {
        assertTrue(AsciiJson.plain("plant/line 1:temp~x"));
        for (String id : new String[] {"a\"b", "a\\b", "tab\there", "é", "\u007f", "\ud83d\ude00"}) {
            assertFalse(AsciiJson.plain(id), id);
            Forecast f = new Forecast("ar", new double[] {1}, new double[] {0}, new double[] {2});
            assertArrayEquals(OutputJson.generatedForecast(id, f, 1000, 60_000), OutputJson.forecast(id, f, 1000, 60_000));
        }
    }

    @Test
    void shouldWriteInstantsAsInstantToString() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long ms = i < 1000 ? i * 86_399_999L : r.nextLong(-1_000_000_000_000L, 300_000_000_000_000L);
            assertEquals("\"" + Instant.ofEpochMilli(ms) + "\"", new AsciiJson(8).instant(ms).toString(), "at " + ms);
        }
    }

    private static double value(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> EDGES[r.nextInt(EDGES.length)];
            case 1 -> Double.longBitsToDouble(r.nextLong());
            case 2 -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-12, 12));
            case 3 -> (float) (r.nextDouble() * 1000);
            default -> Math.round(r.nextDouble() * 1e6) / 100.0;
        };
    }
}
