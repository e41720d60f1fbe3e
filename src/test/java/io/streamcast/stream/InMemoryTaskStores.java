package io.streamcast.stream;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The forecast processor's stores of one task, in memory and initialised: buffer, series, checkpoints, latest forecasts. */
final class InMemoryTaskStores {
    private InMemoryTaskStores() {}

    static List<KeyValueStore<?, ?>> create() {
        List<KeyValueStore<?, ?>> stores = List.of(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StreamcastTopology.BUFFER_STORE),
                        Serdes.Long(), Serdes.ByteArray()).withLoggingDisabled().build(),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StreamcastTopology.SERIES_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build(),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StreamcastTopology.CHECKPOINT_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build(),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StreamcastTopology.LATEST_FORECAST_STORE),
                        Serdes.String(), Serdes.String()).withLoggingDisabled().build());
        MockProcessorContext<String, Emit> init = new MockProcessorContext<>();
        stores.forEach(s -> s.init(init.getStateStoreContext(), s));
        return stores;
    }
}
