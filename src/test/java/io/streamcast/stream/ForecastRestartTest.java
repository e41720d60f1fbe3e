package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A task's forecast processor closed mid-stream and a new one started on the same stores (what a
 * restored task sees: changelogs rebuild the stores exactly) publishes exactly what an uninterrupted
 * processor publishes — buffered steps are finished, per-series state continues, and a shared
 * engine is rebuilt from its checkpoint plus the logged batches.
 */
class ForecastRestartTest {
    private static final int STEPS = 4 * 31;

    private static ServiceConfig config() {
        return config(10_000);
    }

    private static ServiceConfig config(int seriesCache) {
        return ServiceConfig.from(Map.of("streamcast.horizon", "3", "streamcast.batch.size", "5",
                "streamcast.checkpoint.batches", "3", "streamcast.topics.scores", "scores",
                "streamcast.series.cache", Integer.toString(seriesCache)));
    }

    private static EngineProvider provider(String kind) {
        // "shared" is a tiny stand-in; "ffar" and "lstm" are the real shared networks of the registry.
        return kind.equals("shared") ? (s, c) -> new SharedLevelEngine(s.horizon())
                : (s, c) -> RegistryEngines.INSTANCE.create(
                        new ServiceConfig.SeriesSettings(kind, s.lags(), s.horizon(), s.step(), s.threshold(),
                                s.seasons()), c);
    }

    /** The steps of four interleaved series. */
    private static List<Resampled> steps() {
        List<Resampled> steps = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            String id = "s" + (i % 4);
            double v = 10 * (i % 4) + Math.sin(i / 5.0) + (i % 7) * 0.1;
            steps.add(new Resampled(id, 1_000_000L + 1000L * (i / 4), v, false, false, new Source("in", 0, i)));
        }
        return steps;
    }

    /** The stores of one task, in memory: the processor sees them exactly as a restored task would. */
    private static final class TaskStores {
        final List<KeyValueStore<?, ?>> stores = new ArrayList<>();

        TaskStores() {
            stores.addAll(InMemoryTaskStores.create());
        }

        /** A freshly started processor over these stores, as a new owner of the task would run it. */
        Run start(String kind) {
            return start(kind, config());
        }

        Run start(String kind, ServiceConfig config) {
            MockProcessorContext<String, Emit> context = new MockProcessorContext<>();
            stores.forEach(context::addStateStore);
            ForecastProcessor p = new ForecastProcessor(config, provider(kind), StreamcastMetrics.NONE);
            p.init(context);
            return new Run(context, p);
        }
    }

    private record Run(MockProcessorContext<String, Emit> context, ForecastProcessor processor) {
        void feed(List<Resampled> steps) {
            steps.forEach(s -> processor.process(new Record<>(s.series(), s, s.timestamp())));
        }

        void tick() {
            context.scheduledPunctuators().get(0).getPunctuator().punctuate(0);
        }

        List<String> outputs() {
            return context.forwarded().stream().map(f -> {
                Emit e = f.record().value();
                return e.output() + " " + new String(e.value(), StandardCharsets.UTF_8);
            }).toList();
        }
    }

    /** The outputs of one processor stepping every step, never restarted. */
    private static List<String> uninterrupted(String kind, ServiceConfig config, List<Resampled> steps) {
        Run run = new TaskStores().start(kind, config);
        run.feed(steps);
        run.tick();
        return run.outputs();
    }

    /** {@code after} steps the rest; the outputs of {@code before} and then {@code after}, as a consumer reads them. */
    private static List<String> continued(Run before, Run after, List<Resampled> rest) {
        after.feed(rest);
        after.tick();
        List<String> outputs = new ArrayList<>(before.outputs());
        outputs.addAll(after.outputs());
        return outputs;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ar", "shared", "ffar", "lstm", "auto"})
    void shouldPublishTheSameAfterARestartMidBatchAsWithoutOne(String kind) {
        List<Resampled> steps = steps();
        List<String> expected = uninterrupted(kind, config(), steps);
        assertEquals(2 * STEPS, expected.size(), "a forecast and a score per step");

        for (int cut : new int[] {37, 62, 90}) {
            TaskStores stores = new TaskStores();
            Run before = stores.start(kind);
            before.feed(steps.subList(0, cut));
            before.processor().close();
            Run after = stores.start(kind);
            List<String> outputs = continued(before, after, steps.subList(cut, steps.size()));
            assertEquals(expected, outputs, kind + " engine, restart after " + cut + " steps");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ar", "shared"})
    void shouldForgetWhatItHeldInMemoryWhenTheSameInstanceIsInitialisedAgain(String kind) {
        List<Resampled> steps = steps();
        List<String> whole = uninterrupted(kind, config(), steps);

        TaskStores stores = new TaskStores();
        Run before = stores.start(kind);
        before.feed(steps.subList(0, 57));
        // A revived task re-initialises the same processor on stores rolled back to the last commit;
        // here the stores are as the last step left them, and the instance must not double what it held.
        MockProcessorContext<String, Emit> again = new MockProcessorContext<>();
        stores.stores.forEach(again::addStateStore);
        before.processor().init(again);
        Run after = new Run(again, before.processor());
        List<String> outputs = continued(before, after, steps.subList(57, steps.size()));
        assertEquals(whole, outputs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ar", "shared", "ffar"})
    void shouldPublishTheSameWhenEnginesHoldOnlyAFewSeriesInMemory(String kind) {
        List<Resampled> steps = steps();
        List<String> whole = uninterrupted(kind, config(), steps);
        assertEquals(whole, uninterrupted(kind, config(2), steps), "4 series through engines that hold 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared", "ffar"})
    void shouldNeedTheReplayLogToContinueASharedEngineExactly(String kind) {
        List<Resampled> steps = steps();
        List<String> whole = uninterrupted(kind, config(), steps);

        TaskStores stores = new TaskStores();
        Run before = stores.start(kind);
        before.feed(steps.subList(0, 57));
        // Losing the log (keeping only the last checkpoint) must show up in the forecasts.
        @SuppressWarnings("unchecked")
        KeyValueStore<String, byte[]> checkpoints = (KeyValueStore<String, byte[]>) stores.stores.get(2);
        List<String> logKeys = new ArrayList<>();
        checkpoints.all().forEachRemaining(kv -> {
            if (kv.key.startsWith("log/")) {
                logKeys.add(kv.key);
            }
        });
        assertTrue(!logKeys.isEmpty(), "batches since the last checkpoint are logged");
        logKeys.forEach(checkpoints::delete);
        Run after = stores.start(kind);
        List<String> outputs = continued(before, after, steps.subList(57, steps.size()));
        assertNotEquals(whole, outputs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ar", "ffar", "lstm"})
    void shouldPublishTheSameAfterARestartWhenEnginesHoldOnlyAFewSeriesInMemory(String kind) {
        // Evicted series come back from the series store, and a restored shared engine replays its log
        // over series that were evicted and reloaded since the checkpoint: both must be invisible.
        List<Resampled> steps = steps();
        List<String> whole = uninterrupted(kind, config(), steps);
        for (int cut : new int[] {37, 90}) {
            TaskStores stores = new TaskStores();
            Run before = stores.start(kind, config(2));
            before.feed(steps.subList(0, cut));
            before.processor().close();
            Run after = stores.start(kind, config(2));
            List<String> outputs = continued(before, after, steps.subList(cut, steps.size()));
            assertEquals(whole, outputs, kind + " engine holding 2 of 4 series, restart after " + cut);
        }
    }
}
