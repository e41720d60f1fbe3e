package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code streamcast.series.cache} is split evenly among the tasks that hold series, never below one each. */
class SeriesCacheSharesTest {

    @Test
    void shouldSplitTheCacheEvenlyAmongTheTasksThatHoldSeries() {
        SeriesCacheShares shares = new SeriesCacheShares();
        assertEquals(10_000, shares.share(10_000), "no task yet: all of it");
        Object[] tasks = {new Object(), new Object(), new Object(), new Object()};
        for (Object t : tasks) {
            shares.join(t);
        }
        shares.join(tasks[0]); // a revived task initialised again counts once
        assertEquals(2_500, shares.share(10_000));
        assertEquals(1, shares.share(3), "never below one series per task");
        shares.leave(tasks[3]);
        assertEquals(3_333, shares.share(10_000), "a task that closed frees its share");
    }
}
