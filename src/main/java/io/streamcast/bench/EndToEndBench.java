package io.streamcast.bench;

import io.streamcast.broker.EmbeddedBroker;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamcast.metrics.Registries;
import io.streamcast.stream.ServiceConfig;
import io.streamcast.stream.StreamcastService;
import io.streamcast.stream.StreamcastTopology;
import io.streamcast.stream.TopicCreator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * {@code bench} end to end: one embedded KRaft broker, and for each stage (passthrough, then each
 * model) a fresh Kafka Streams application on topics of its own, run one after the other in this
 * JVM so their ratios hold on a noisy machine. Each stage:
 * <ol>
 *   <li>warm-up: chunks of {@code warmupRounds} rounds (one event per series each) go through until
 *       every output is seen — tasks assigned, stores open, networks built — and again, up to
 *       {@code maxWarmupChunks} chunks, while the JIT compilers still spent more than a tenth of the
 *       chunk's wall time compiling (measured on a loaded 2-core machine, a fixed warm-up left the
 *       compilers busy through the whole measurement; AR needs 10–17 chunks of 20 000 events, the
 *       passthrough 15–25 short ones, so the command's default allows 30);</li>
 *   <li>drain: the streams are paused, {@code drainRounds} rounds are produced, the streams resume;
 *       events/s = events ÷ (resume → the last output seen by a read_committed consumer), with the
 *       process's and the stream thread's CPU over the same span;</li>
 *   <li>paced: {@code pacedRounds} rounds sent at half the drain rate (or at {@code pacedRate} events/s when set); latency of each event = from
 *       just before its producer {@code send} to the poll that returned its output (one clock,
 *       {@link System#nanoTime}, one JVM);</li>
 *   <li>state from the stores (interactive queries), live heap after a full GC, VmRSS.</li>
 * </ol>
 * Every stage runs the service's Kafka Streams properties ({@link StreamcastTopology#streamsProperties},
 * exactly-once v2 by default) with {@link #BENCH_DEFAULTS} and the user's {@code -D} overrides on top.
 */
public final class EndToEndBench {
    public static final String PASSTHROUGH = "passthrough";

    /** The bench's own defaults over the service's; each is printed, and {@code -D} overrides it. */
    static final Map<String, String> BENCH_DEFAULTS = Map.of();

    public record Settings(List<String> stages, int series, long warmupRounds, int maxWarmupChunks, long drainRounds,
            long pacedRounds, double pacedRate, int horizon, int partitions, long seed, Map<String, String> overrides) {
        public long drainEvents() {
            return drainRounds * series;
        }
    }

    private final Settings settings;
    private final PrintWriter log;
    private final ProcessProbe probe = new ProcessProbe();
    private final long started = System.nanoTime();

    public EndToEndBench(Settings settings, PrintWriter log) {
        this.settings = settings;
        this.log = log;
    }

    /** Starts a broker and runs every stage on it; closes everything, also on failure. */
    public List<StageResult> run() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            progress("broker up at %s", broker.bootstrapServers());
            List<StageResult> results = new ArrayList<>();
            for (String stage : settings.stages()) {
                results.add(stage(broker.bootstrapServers(), stage));
            }
            progress("stopping the broker");
            return results;
        }
    }

    /** The configuration of one stage: topics of its own, the model, the user's overrides. */
    Map<String, String> configuration(String bootstrap, String stage, Path stateDir) {
        Map<String, String> cfg = new LinkedHashMap<>();
        String prefix = "bench." + stage + ".";
        cfg.put("streamcast.topics.input", prefix + "events");
        cfg.put("streamcast.topics.forecasts", prefix + "forecasts");
        cfg.put("streamcast.topics.anomalies", prefix + "anomalies");
        cfg.put("streamcast.topics.dlq", prefix + "dlq");
        cfg.put("streamcast.horizon", Integer.toString(settings.horizon()));
        cfg.put("streamcast.seed", Long.toString(settings.seed()));
        if (!PASSTHROUGH.equals(stage)) {
            cfg.put("streamcast.model", stage);
        }
        cfg.putAll(BENCH_DEFAULTS);
        cfg.putAll(settings.overrides());
        // the output watcher tells an output's round (and so its latency) by its record timestamp: outputs keep the
        // event's time here; publish would stamp the time of publication — the same one processor node either way
        cfg.put("streamcast.output.timestamp", "event");
        cfg.put("bootstrap.servers", bootstrap);
        cfg.put("application.id", "streamcast-bench-" + stage);
        cfg.put("state.dir", stateDir.toString());
        return cfg;
    }

    private StageResult stage(String bootstrap, String stage) throws Exception {
        progress("%s: starting", stage);
        Path stateDir = Files.createTempDirectory("streamcast-bench-" + stage + "-");
        ServiceConfig service = ServiceConfig.from(configuration(bootstrap, stage, stateDir));
        Map<String, Object> props = StreamcastTopology.streamsProperties(service);
        String app = (String) props.get("application.id");
        Set<String> topics = new java.util.TreeSet<>(service.topics().input());
        topics.addAll(StreamcastTopology.outputTopics(service));
        TopicCreator.createMissing(props, topics, settings.partitions(), (short) 1);

        PrometheusMeterRegistry registry = Registries.prometheus();
        Topology topology = PASSTHROUGH.equals(stage) ? BenchTopologies.passthrough(service, registry)
                : BenchTopologies.streamcast(service, registry);
        Properties p = new Properties();
        p.putAll(props);
        int series = settings.series();
        long total = (settings.warmupRounds() * settings.maxWarmupChunks() + settings.drainRounds()
                + settings.pacedRounds()) * series;
        Duration timeout = Duration.ofSeconds(120 + total / 200);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-sampler");
            t.setDaemon(true);
            return t;
        });
        AtomicLong peakHeap = new AtomicLong();
        AtomicLong peakRss = new AtomicLong();
        sampler.scheduleAtFixedRate(() -> {
            peakHeap.accumulateAndGet(ProcessProbe.heapUsed(), Math::max);
            peakRss.accumulateAndGet(ProcessProbe.rss(), Math::max);
        }, 0, 100, TimeUnit.MILLISECONDS);

        KafkaStreams streams = new KafkaStreams(topology, p);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        CountDownLatch runningLatch = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                runningLatch.countDown();
            }
        });
        BenchData data = new BenchData(series, settings.seed(), BenchData.epochEndingBeforeNow(total / series));
        try (OutputWatcher watcher = new OutputWatcher(bootstrap, service.topics().forecasts(), service.topics().dlq(),
                data)) {
            streams.setUncaughtExceptionHandler(e -> {
                watcher.fail(new IllegalStateException("stage " + stage + ": the stream thread failed: " + e, e));
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            if (!runningLatch.await(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("stage " + stage + ": Kafka Streams not RUNNING within "
                        + timeout.toSeconds() + " s (state " + streams.state() + ")");
            }
            String input = service.topics().input().get(0);
            long round;
            long warmupEvents;
            try (KafkaProducer<String, byte[]> bulk = producer(bootstrap, 20)) {
                round = warmUp(stage, bulk, input, data, watcher, timeout);
                warmupEvents = round * series;

                streams.pause();
                progress("%s: drain, %d events produced while paused", stage, settings.drainEvents());
                round = send(bulk, input, data, round, settings.drainRounds());
            }
            Map<String, Long> threads0 = probe.threadCpuNanos(app);
            long jit0 = ProcessProbe.jitMillis();
            long gc0 = ProcessProbe.gcMillis();
            long cpu0 = probe.processCpuNanos();
            long t0 = System.nanoTime();
            streams.resume();
            long t1 = watcher.awaitOutputs(round * series, timeout, stage + " drain");
            long cpu1 = probe.processCpuNanos();
            Map<String, Long> threads1 = probe.threadCpuNanos(app);
            Map<String, Double> cpuByThread = ProcessProbe.breakdown(cpu0, threads0, cpu1, threads1, jit0,
                    ProcessProbe.jitMillis(), gc0, ProcessProbe.gcMillis());
            double seconds = (t1 - t0) / 1e9;
            double rate = settings.drainEvents() / seconds;

            // half the drain rate unless a fixed rate is asked for (latency at a load of the user's choosing)
            double pacedRate = settings.pacedRate() > 0 ? settings.pacedRate() : rate / 2;
            long pacedEvents = settings.pacedRounds() * series;
            progress("%s: %,.0f events/s; paced, %d events at %,.0f/s", stage, rate, pacedEvents, pacedRate);
            long[] sent = new long[Math.toIntExact(pacedEvents)];
            watcher.pace(round, sent);
            round = sendPaced(bootstrap, input, data, round, pacedRate, sent);
            watcher.awaitOutputs(round * series, timeout, stage + " paced");
            long[] latencies = watcher.latencies();

            progress("%s: reading the stores", stage);
            StateFootprint state = StateFootprint.of(streams);
            long liveHeap = ProcessProbe.liveHeap();
            long rss = ProcessProbe.rss();
            sampler.shutdown();
            return new StageResult(stage, warmupEvents, round * series, watcher.outputs(), watcher.seriesSeen(),
                    watcher.deadLetters(), settings.drainEvents(), seconds, rate, (cpu1 - cpu0) / 1e9,
                    cpuByThread.getOrDefault("stream thread", 0.0), cpuByThread, pacedRate, pacedEvents,
                    millis(percentile(latencies, 0.50)), millis(percentile(latencies, 0.99)),
                    millis(percentile(latencies, 1.0)), liveHeap, peakHeap.get(), rss, peakRss.get(), state);
        } finally {
            progress("%s: closing", stage);
            sampler.shutdownNow();
            streams.close(CloseOptions.timeout(Duration.ofSeconds(30)));
            streams.cleanUp();
            streamsMetrics.close();
            registry.close();
            deleteRecursively(stateDir);
        }
    }

    /**
     * Warm-up chunks until the JIT compilers spent less than a tenth of a chunk's wall time compiling,
     * or {@code maxWarmupChunks}; each chunk waits for all its outputs. Returns the next round.
     */
    private long warmUp(String stage, KafkaProducer<String, byte[]> producer, String topic, BenchData data,
            OutputWatcher watcher, Duration timeout) throws Exception {
        long round = 0;
        for (int chunk = 1; ; chunk++) {
            long jit = ProcessProbe.jitMillis();
            long start = System.nanoTime();
            round = send(producer, topic, data, round, settings.warmupRounds());
            watcher.awaitOutputs(round * data.series(), timeout, stage + " warm-up");
            double jitShare = (ProcessProbe.jitMillis() - jit) * 1e6 / (System.nanoTime() - start);
            progress("%s: warm-up, %d events, JIT compiling %.0f%% of the time", stage, round * data.series(),
                    100 * jitShare);
            if (jitShare < 0.10 || chunk >= settings.maxWarmupChunks()) {
                return round;
            }
        }
    }

    /**
     * Sends {@code pacedRounds} rounds from {@code round} on at {@code rate} events/s (no batching
     * delay: linger 0), noting in {@code sent} the time just before each send. Returns the next round.
     */
    private long sendPaced(String bootstrap, String topic, BenchData data, long round, double rate, long[] sent) {
        try (KafkaProducer<String, byte[]> paced = producer(bootstrap, 0)) {
            long start = System.nanoTime();
            int i = 0;
            for (long r = 0; r < settings.pacedRounds(); r++, round++) {
                for (int s = 0; s < data.series(); s++, i++) {
                    long due = start + (long) (i * 1e9 / rate);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait); // pacing the producer to a rate, not waiting for a result
                    }
                    byte[] value = data.event(s, round);
                    sent[i] = System.nanoTime();
                    paced.send(new ProducerRecord<>(topic, BenchData.id(s), value));
                }
            }
            paced.flush();
        }
        return round;
    }

    /** Sends {@code rounds} rounds from round {@code from} on and waits for every acknowledgement; returns the next round. */
    private static long send(KafkaProducer<String, byte[]> producer, String topic, BenchData data, long from, long rounds)
            throws Exception {
        List<java.util.concurrent.Future<?>> last = new ArrayList<>();
        long round = from;
        for (long r = 0; r < rounds; r++, round++) {
            for (int s = 0; s < data.series(); s++) {
                var f = producer.send(new ProducerRecord<>(topic, BenchData.id(s), data.event(s, round)));
                if (r == rounds - 1) {
                    last.add(f);
                }
            }
        }
        producer.flush();
        for (var f : last) {
            f.get(); // the broker refused a record: fail here, not as a missing output later
        }
        return round;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, int lingerMs) {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** The value at quantile {@code q} of sorted {@code values} (nearest rank), -1 when empty. */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos < 0 ? Double.NaN : nanos / 1e6;
    }

    private void progress(String format, Object... args) {
        log.printf(java.util.Locale.ROOT, "bench [%5.1f s]: %s%n", (System.nanoTime() - started) / 1e9,
                String.format(java.util.Locale.ROOT, format, args));
        log.flush();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is not worth failing the bench for
        }
    }
}
