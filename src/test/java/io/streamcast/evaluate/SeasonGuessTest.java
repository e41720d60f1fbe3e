package io.streamcast.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonGuessTest {

    @Test
    void shouldFindTheSeasonOfANoisyDailyPattern() {
        Random r = new Random(1);
        double[] x = new double[750];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 * Math.sin(2 * Math.PI * i / 48) + r.nextGaussian() * 3;
        }
        assertEquals(48, SeasonGuess.estimate(x));
    }

    @Test
    void shouldFindNoSeasonInATrendARandomWalkOrAConstant() {
        Random r = new Random(2);
        double[] trend = new double[750];
        double[] walk = new double[750];
        for (int i = 1; i < walk.length; i++) {
            trend[i] = 0.1 * i + r.nextGaussian() * 0.01;
            walk[i] = walk[i - 1] + r.nextGaussian();
        }
        assertEquals(0, SeasonGuess.estimate(trend));
        assertEquals(0, SeasonGuess.estimate(walk));
        assertEquals(0, SeasonGuess.estimate(new double[750]));
        assertEquals(0, SeasonGuess.estimate(new double[5]));
    }
}
