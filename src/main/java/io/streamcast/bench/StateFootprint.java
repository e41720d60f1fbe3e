package io.streamcast.bench;

import io.streamcast.stream.SeriesStateSizes;
import io.streamcast.stream.StreamcastTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What a running instance keeps in its stores, read through interactive queries: the number of
 * series and the bytes (keys and values) of each per-series store, the series store split into its
 * parts — the engine's per-series state ({@code Engine.seriesState}), the anomaly detector's, and the
 * forecasts waiting to be settled — and the task-level checkpoints (shared network state and the log
 * since). Every figure is what is written to RocksDB and its changelog when that entry changes.
 * A store the topology does not have (the passthrough) counts 0.
 */
public record StateFootprint(long series, long seriesStoreBytes, long engineBytes, long detectorBytes,
        long pendingForecastBytes, long resampleStoreBytes, long latestForecastStoreBytes, long checkpointStoreBytes) {

    /** Bytes of every per-series store per series (0 without series). */
    public double perSeries() {
        return series == 0 ? 0 : (seriesStoreBytes + resampleStoreBytes + latestForecastStoreBytes) / (double) series;
    }

    public double perSeries(long bytes) {
        return series == 0 ? 0 : bytes / (double) series;
    }

    /** Reads every store of this instance; the streams must be RUNNING. */
    public static StateFootprint of(KafkaStreams streams) {
        long[] series = new long[4];
        long seriesBytes = sum(streams, StreamcastTopology.SERIES_STORE, (k, v) -> {
            SeriesStateSizes s = SeriesStateSizes.of(v);
            series[0]++;
            series[1] += s.engine();
            series[2] += s.detector();
            series[3] += s.pendingForecasts();
        });
        long resample = sum(streams, StreamcastTopology.RESAMPLE_STORE, (k, v) -> { });
        long checkpoints = sum(streams, StreamcastTopology.CHECKPOINT_STORE, (k, v) -> { });
        long latest = 0;
        ReadOnlyKeyValueStore<String, String> store = store(streams, StreamcastTopology.LATEST_FORECAST_STORE);
        if (store != null) {
            try (KeyValueIterator<String, String> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, String> kv = it.next();
                    latest += utf8(kv.key) + utf8(kv.value);
                }
            }
        }
        return new StateFootprint(series[0], seriesBytes, series[1], series[2], series[3], resample, latest, checkpoints);
    }

    private interface Entry {
        void accept(String key, byte[] value);
    }

    private static long sum(KafkaStreams streams, String name, Entry each) {
        ReadOnlyKeyValueStore<String, byte[]> store = store(streams, name);
        if (store == null) {
            return 0;
        }
        long bytes = 0;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                bytes += utf8(kv.key) + kv.value.length;
                each.accept(kv.key, kv.value);
            }
        }
        return bytes;
    }

    private static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            return null; // not a store of this topology (e.g. the passthrough)
        }
    }

    private static int utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
