package io.streamcast.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A read_committed consumer of a stage's output topic (and its dead-letter topic) on a thread of its
 * own: counts what it sees, per series, notes when it saw the output of a given count, and for
 * outputs of paced events (rounds from {@link #pace}) the latency from the producer's send to now.
 * Read_committed: an output counts once its transaction committed, as a downstream consumer sees it.
 */
final class OutputWatcher implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String outputTopic;
    private final int[] perSeries;
    private final BenchData data;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Object lock = new Object();
    private long outputs;
    private long deadLetters;
    private long foreign;
    private volatile RuntimeException failure;

    // paced phase: send times of events by (round - firstPacedRound) * series + s
    private volatile long firstPacedRound = Long.MAX_VALUE;
    private volatile long[] sentNanos;
    private long[] latencyNanos = new long[0];
    private int latencies;

    OutputWatcher(String bootstrap, String outputTopic, String dlqTopic, BenchData data) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-watcher-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // an idle fetch returns after 10 ms rather than 500: what is measured is the service, not this poll
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.outputTopic = outputTopic;
        this.data = data;
        this.perSeries = new int[data.series()];
        consumer.subscribe(List.of(outputTopic, dlqTopic));
        this.thread = new Thread(this::loop, "bench-watcher-" + outputTopic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Makes every wait fail at once with {@code e} (the streams stopped: no output will come). */
    void fail(RuntimeException e) {
        synchronized (lock) {
            failure = e;
            lock.notifyAll();
        }
    }

    /** Outputs of events from {@code firstRound} on are timed against {@code sentNanos} (filled as they are sent). */
    void pace(long firstRound, long[] sentNanos) {
        synchronized (lock) {
            this.sentNanos = sentNanos;
            this.latencyNanos = new long[sentNanos.length];
            this.latencies = 0;
        }
        this.firstPacedRound = firstRound;
    }

    private void loop() {
        try {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(50));
                long now = System.nanoTime();
                synchronized (lock) {
                    for (ConsumerRecord<String, byte[]> r : records) {
                        if (!r.topic().equals(outputTopic)) {
                            deadLetters++;
                            continue;
                        }
                        outputs++;
                        int s = BenchData.index(r.key());
                        if (s < 0 || s >= perSeries.length) {
                            foreign++;
                            continue;
                        }
                        perSeries[s]++;
                        long round = data.roundOf(r.timestamp());
                        long[] sent = sentNanos;
                        if (sent != null && round >= firstPacedRound) {
                            long i = (round - firstPacedRound) * perSeries.length + s;
                            if (i < sent.length && sent[(int) i] != 0 && latencies < latencyNanos.length) {
                                latencyNanos[latencies++] = now - sent[(int) i];
                            }
                        }
                    }
                    lock.notifyAll();
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            fail(new IllegalStateException("reading " + outputTopic + " failed: " + e, e));
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Waits until {@code count} outputs were seen and returns {@link System#nanoTime()} of the poll
     * that completed it (at most one 50 ms poll late); throws at the deadline, naming what was seen.
     */
    long awaitOutputs(long count, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (outputs < count) {
                if (failure != null) {
                    throw failure;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(what + ": " + outputs + " of " + count + " outputs seen on "
                            + outputTopic + " within " + timeout.toSeconds() + " s (" + deadLetters + " dead letters)");
                }
                lock.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
            }
            return System.nanoTime();
        }
    }

    long outputs() {
        synchronized (lock) {
            return outputs;
        }
    }

    long deadLetters() {
        synchronized (lock) {
            return deadLetters;
        }
    }

    /** Series with at least one output. */
    int seriesSeen() {
        synchronized (lock) {
            return (int) Arrays.stream(perSeries).filter(c -> c > 0).count();
        }
    }

    /** Outputs keyed by an id the bench did not send (must stay 0). */
    long foreign() {
        synchronized (lock) {
            return foreign;
        }
    }

    /** Latencies of paced events seen so far, in nanoseconds, sorted. */
    long[] latencies() {
        synchronized (lock) {
            long[] l = Arrays.copyOf(latencyNanos, latencies);
            Arrays.sort(l);
            return l;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(10_000);
    }
}
