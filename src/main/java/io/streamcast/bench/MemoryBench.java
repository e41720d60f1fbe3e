package io.streamcast.bench;

import io.streamcast.broker.EmbeddedBroker;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamcast.metrics.MeterNames;
import io.streamcast.stream.BoundedRocksDbMemory;
import io.streamcast.stream.EventJson;
import io.streamcast.stream.MicrometerStreamcastMetrics;
import io.streamcast.stream.ServiceConfig;
import io.streamcast.stream.StreamcastTopology;
import io.streamcast.stream.TopicCreator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Runs the service's topology ({@link StreamcastTopology}: real processors, RocksDB stores, exactly-once)
 * in a {@link KafkaStreams} client against a single-node broker started in this JVM, over
 * {@code series} distinct series ids, {@code rounds} events each (round r holds one event of every
 * series, in id order, all produced before the service starts), and samples memory as the service
 * works through them: heap after a full GC, the largest heap left after any GC, RSS, the RocksDB cache,
 * and the service's own meters (series live in memory, evictions, forecasts). The first sample is
 * taken with the broker up and the events produced, before the service starts: the broker's share of
 * heap and RSS, which every later sample includes.
 */
public final class MemoryBench {
    private static final Duration POLL = Duration.ofMillis(200);

    /** What one sample saw; {@code events} is the number of forecasts published so far. */
    public record Sample(String phase, long events, long heapAfterGcBytes, long maxHeapAfterAnyGcBytes, long rssBytes,
            long rocksDbCacheBytes, long live, long evictions, long storedEstimate, double eventsPerSecond) {
    }

    /** The run: samples in order, and the exact counts at the end. */
    public record Result(List<Sample> samples, long heapMaxBytes, long peakRssBytes, long storedKeys, long stateDirBytes,
            double produceSeconds, double processSeconds) {
        public Sample last() {
            return samples.get(samples.size() - 1);
        }
    }

    private final ServiceConfig config;
    private final long series;
    private final int rounds;
    private final int partitions;
    private final long sampleEvery;
    private final Path stateDir;
    private final Duration timeout;

    public MemoryBench(ServiceConfig config, long series, int rounds, int partitions, long sampleEvery, Path stateDir,
            Duration timeout) {
        if (series < 1 || rounds < 1 || partitions < 1 || sampleEvery < 1) {
            throw new IllegalArgumentException("series, rounds, partitions and sample interval must be ≥ 1: " + series
                    + ", " + rounds + ", " + partitions + ", " + sampleEvery);
        }
        this.config = config;
        this.series = series;
        this.rounds = rounds;
        this.partitions = partitions;
        this.sampleEvery = sampleEvery;
        this.stateDir = stateDir;
        this.timeout = timeout;
    }

    /** Runs the whole thing; {@code progress} gets every sample as it is taken. */
    public Result run(Consumer<Sample> progress) throws InterruptedException {
        long events = series * rounds;
        List<Sample> samples = new ArrayList<>();
        try (GcWatch gc = new GcWatch(); EmbeddedBroker broker = EmbeddedBroker.start()) {
            Map<String, Object> props = new HashMap<>(StreamcastTopology.streamsProperties(config));
            props.put("bootstrap.servers", broker.bootstrapServers());
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "streamcast-bench-memory");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            Set<String> topics = new HashSet<>(StreamcastTopology.outputTopics(config));
            topics.addAll(config.topics().input());
            TopicCreator.createMissing(props, topics, partitions, (short) 1);

            long started = System.nanoTime();
            produce(broker.bootstrapServers(), config.topics().input().get(0));
            double produceSeconds = (System.nanoTime() - started) / 1e9;
            MeterRegistry registry = new SimpleMeterRegistry();
            samples.add(sample("broker + events, service not started", 0, registry, gc, -1, 0));
            progress.accept(samples.get(0));

            Properties p = new Properties();
            p.putAll(props);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            started = System.nanoTime();
            try (KafkaStreams streams = new KafkaStreams(StreamcastTopology.build(config,
                    new MicrometerStreamcastMetrics(registry)), p)) {
                streams.setUncaughtExceptionHandler(e -> {
                    failure.set(e);
                    return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                            .SHUTDOWN_CLIENT;
                });
                streams.start();
                long deadline = System.nanoTime() + timeout.toNanos();
                long next = Math.min(sampleEvery, events);
                long lastEvents = 0;
                long lastNanos = System.nanoTime();
                while (true) {
                    long done = forecasts(registry);
                    if (failure.get() != null) {
                        throw new IllegalStateException("the service failed after " + done + " of " + events
                                + " forecasts: " + failure.get(), failure.get());
                    }
                    if (done >= next) {
                        long now = System.nanoTime();
                        Sample s = sample("service", done, registry, gc, storedEstimate(streams),
                                (done - lastEvents) * 1e9 / (now - lastNanos));
                        samples.add(s);
                        progress.accept(s);
                        lastEvents = done;
                        lastNanos = System.nanoTime();
                        if (done >= events) {
                            break;
                        }
                        next = Math.min(events, (done / sampleEvery + 1) * sampleEvery);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("timed out after " + timeout + ": " + done + " of " + events
                                + " forecasts published (raise --timeout, or the service is stuck)");
                    }
                    Thread.sleep(POLL.toMillis()); // a benchmark polling the service's meters, not a test
                }
                double processSeconds = (System.nanoTime() - started) / 1e9;
                long stored = countStored(streams);
                streams.close(Duration.ofSeconds(60));
                return new Result(samples, Runtime.getRuntime().maxMemory(), ProcessProbe.status("VmHWM"), stored,
                        directoryBytes(stateDir), produceSeconds, processSeconds);
            }
        }
    }

    private void produce(String bootstrap, String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // event time: one second per round, ending now — not a fixed date, which a broker with its shipped 7-day
            // retention deletes (with the producer state exactly-once needs) once the calendar has moved past it
            long t0 = System.currentTimeMillis() / 1000 * 1000 - rounds * 1000L;
            for (int round = 0; round < rounds; round++) {
                long ts = t0 + round * 1000L;
                for (long s = 0; s < series; s++) {
                    String id = "s-" + s;
                    double value = 100 + (s % 97) + Math.sin(round + s * 0.1);
                    byte[] json = EventJson.event(id, ts, EventJson.Time.EPOCH_MILLIS, value);
                    producer.send(new ProducerRecord<>(topic, null, ts, id.getBytes(StandardCharsets.UTF_8), json),
                            (meta, e) -> {
                                if (e != null) {
                                    failed.compareAndSet(null, e);
                                }
                            });
                }
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("producing the bench events failed: " + failed.get(), failed.get());
        }
    }

    private static long forecasts(MeterRegistry registry) {
        double n = 0;
        for (Counter c : registry.find(MeterNames.FORECASTS_OUT).counters()) {
            n += c.count();
        }
        return (long) n;
    }

    private static Sample sample(String phase, long events, MeterRegistry registry, GcWatch gc, long stored,
            double rate) {
        System.gc(); // a full collection: what is left is what the process holds
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        var live = registry.find(MeterNames.SERIES_LIVE).gauge();
        var evictions = registry.find(MeterNames.SERIES_EVICTIONS).counter();
        return new Sample(phase, events, heap, gc.maxAfter.get(), ProcessProbe.rss(),
                BoundedRocksDbMemory.usage(), live == null ? 0 : (long) live.value(),
                evictions == null ? 0 : (long) evictions.count(), stored, rate);
    }

    private static ReadOnlyKeyValueStore<String, byte[]> seriesStore(KafkaStreams streams) {
        return streams.store(StoreQueryParameters.fromNameAndType(StreamcastTopology.SERIES_STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    /** RocksDB's estimate of the series store's keys (counts overwrites until compaction); -1 while not queryable. */
    private static long storedEstimate(KafkaStreams streams) {
        try {
            return seriesStore(streams).approximateNumEntries();
        } catch (RuntimeException e) {
            return -1; // rebalancing: the stores are not queryable this moment
        }
    }

    private static long countStored(KafkaStreams streams) {
        long n = 0;
        try (KeyValueIterator<String, byte[]> it = seriesStore(streams).all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (kv.key != null) {
                    n++;
                }
            }
        }
        return n;
    }

    static long directoryBytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // a RocksDB file compacted away while we walked
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the state directory " + dir, e);
        }
    }

    /** The largest heap in use right after any collection (young ones included: an upper bound of live data). */
    private static final class GcWatch implements NotificationListener, AutoCloseable {
        final AtomicLong maxAfter = new AtomicLong();
        private final List<NotificationEmitter> emitters = new ArrayList<>();

        GcWatch() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) {
                    e.addNotificationListener(this, null, null);
                    emitters.add(e);
                }
            }
        }

        @Override
        public void handleNotification(Notification n, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (HEAP_POOLS.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            maxAfter.accumulateAndGet(used, Math::max);
        }

        @Override
        public void close() {
            for (NotificationEmitter e : emitters) {
                try {
                    e.removeNotificationListener(this);
                } catch (ListenerNotFoundException ignored) {
                    // never added: nothing to remove
                }
            }
        }
    }

    /** Names of the heap's memory pools, whichever collector runs. */
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
}
