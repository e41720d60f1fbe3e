package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** The latest-forecast view has no changelog: a task that starts renders it again, byte for byte, from its series states. */
class LatestForecastsTest {

    @Test
    void shouldRenderTheViewAgainFromTheSeriesStatesWhenATaskStarts() {
        ServiceConfig config = ServiceConfig.from(Map.of("streamcast.horizon", "3", "streamcast.batch.size", "1"));
        List<KeyValueStore<?, ?>> stores = InMemoryTaskStores.create();
        @SuppressWarnings("unchecked")
        KeyValueStore<String, String> latest = (KeyValueStore<String, String>) stores.get(3);

        MockProcessorContext<String, Emit> context = new MockProcessorContext<>();
        stores.forEach(context::addStateStore);
        ForecastProcessor before = new ForecastProcessor(config, RegistryEngines.INSTANCE, StreamcastMetrics.NONE);
        before.init(context);
        for (int i = 0; i < 40; i++) {
            String id = "s" + (i % 2);
            Resampled r = new Resampled(id, 1_000_000L + 1000L * (i / 2), Math.sin(i / 3.0) * 1e3 / 7, false, false,
                    new Source("in", 0, i));
            before.process(new Record<>(id, r, r.timestamp()));
        }
        before.close();
        Map<String, String> published = new LinkedHashMap<>();
        context.forwarded().forEach(f -> {
            Emit e = (Emit) f.record().value();
            if (e.output() == Emit.Output.FORECAST) {
                published.put(f.record().key(), new String(e.value(), StandardCharsets.UTF_8));
            }
        });
        assertEquals(published.get("s1"), latest.get("s1"));

        // another instance takes the task over: its view starts empty
        latest.delete("s0");
        latest.delete("s1");
        MockProcessorContext<String, Emit> again = new MockProcessorContext<>();
        stores.forEach(again::addStateStore);
        new ForecastProcessor(config, RegistryEngines.INSTANCE, StreamcastMetrics.NONE).init(again);
        for (String id : List.of("s0", "s1")) {
            assertNotNull(latest.get(id), id);
            assertEquals(published.get(id), latest.get(id), "the view of " + id + " is the published JSON");
        }
    }
}
