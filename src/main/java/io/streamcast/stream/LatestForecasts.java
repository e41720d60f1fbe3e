package io.streamcast.stream;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link StreamcastTopology#LATEST_FORECAST_STORE}: the forecast JSON of each series exactly as published,
 * for interactive queries. It is a view without a changelog of its own: every series state holds its last
 * published forecast (doubles, so the JSON rendered from it is the published bytes), and a task that
 * starts — on this instance or another — renders the view again from its series store. Writing it per
 * event costs a cache put; a changelog would cost ≈ 1.2 KB per event to the broker, one more partition
 * in every transaction, and a RocksDB write per event restored.
 */
final class LatestForecasts {
    private final KeyValueStore<String, String> view;

    LatestForecasts(KeyValueStore<String, String> view) {
        this.view = view;
    }

    void put(String series, byte[] json) {
        view.put(series, new String(json, StandardCharsets.UTF_8));
    }

    /**
     * Renders the view from the series states of the task. Series whose state holds no published forecast
     * (stored by a version before 4, or never published) keep what the view has.
     */
    void rebuild(KeyValueStore<String, byte[]> series) {
        try (KeyValueIterator<String, byte[]> it = series.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                SeriesState.fromBytes(kv.value).publishedJson(kv.key).ifPresent(json -> put(kv.key, json));
            }
        }
    }
}
