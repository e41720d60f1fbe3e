package io.streamcast.replay;

import io.streamcast.stream.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replays recordings "as live": every recording is stretched or compressed to one pass of the
 * given length, the recordings play side by side, and each event is sent when the clock reaches its
 * new event time — so event time equals send time for every series, whatever their original
 * spacing (a 1.2 s audio clip and a ten-day sensor log play in step). Original order and relative
 * spacing within each recording are kept. Passes repeat until {@link #stop()} or the end time, the
 * series continuing where they were, which keeps a demo live for as long as it runs.
 */
public final class Replayer {

    /** Where events go: Kafka in production, a list in tests. */
    public interface Sink {
        void send(String key, long timestamp, String json);
    }

    /** Waits until the clock reads {@code epochMillis}; the production pacer sleeps. */
    public interface Pacer {
        void waitUntil(long epochMillis) throws InterruptedException;
    }

    /** One event of a pass, {@code offset} ms after the pass starts. */
    record Scheduled(long offset, RecordedEvent event) {
    }

    private static final long GAP_BETWEEN_PASSES_MS = 1_000;

    private final List<Scheduled> pass;
    private final long passMillis;
    private final Clock clock;
    private final Pacer pacer;
    private final Sink sink;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean stopped;

    public Replayer(List<Recording> recordings, Duration passLength, Clock clock, Pacer pacer, Sink sink) {
        if (recordings.isEmpty() || passLength.toMillis() < 1) {
            throw new IllegalArgumentException("replay needs recordings and a positive pass length, got "
                    + recordings.size() + " recordings and " + passLength);
        }
        this.passMillis = passLength.toMillis();
        this.pass = schedule(recordings, passMillis);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** A pacer that sleeps on the given clock: fine for pacing output, never used to synchronise tests. */
    public static Pacer sleeping(Clock clock) {
        return until -> {
            long wait = until - clock.millis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        };
    }

    /** Every event of one pass, ordered by its offset; ties keep recording order. */
    static List<Scheduled> schedule(List<Recording> recordings, long passMillis) {
        List<Scheduled> all = new ArrayList<>();
        for (Recording r : recordings) {
            List<RecordedEvent> events = r.events();
            long first = events.get(0).timestamp();
            long span = r.span();
            for (int i = 0; i < events.size(); i++) {
                long offset = span > 0
                        ? Math.round((double) (events.get(i).timestamp() - first) * passMillis / span)
                        : Math.round((double) i * passMillis / events.size());
                all.add(new Scheduled(offset, events.get(i)));
            }
        }
        all.sort(Comparator.comparingLong(Scheduled::offset)); // stable: ties stay in recording order
        return List.copyOf(all);
    }

    /**
     * Sends events from now on until {@code endMillis} (epoch ms; Long.MAX_VALUE for no end) or
     * {@link #stop()}. Returns the number of events sent.
     */
    public long run(long endMillis) throws InterruptedException {
        long passStart = clock.millis();
        while (!stopped) {
            for (Scheduled s : pass) {
                long at = passStart + s.offset();
                if (at >= endMillis) {
                    return sent.get();
                }
                pacer.waitUntil(at);
                if (stopped) {
                    return sent.get();
                }
                sink.send(s.event().series(), at, json(s.event(), at));
                sent.incrementAndGet();
            }
            passStart += passMillis + GAP_BETWEEN_PASSES_MS;
        }
        return sent.get();
    }

    public void stop() {
        stopped = true;
    }

    public long sent() {
        return sent.get();
    }

    /** Events in one pass. */
    public int eventsPerPass() {
        return pass.size();
    }

    /** The event in the input contract, with its new event time in epoch ms. */
    static String json(RecordedEvent e, long timestamp) {
        byte[] json = e.isFrame() ? EventJson.frame(e.series(), timestamp, e.values())
                : EventJson.event(e.series(), timestamp, EventJson.Time.EPOCH_MILLIS, e.value());
        return new String(json, StandardCharsets.UTF_8);
    }
}
