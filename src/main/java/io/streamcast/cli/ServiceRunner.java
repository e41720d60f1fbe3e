package io.streamcast.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamcast.metrics.LiveStatus;
import io.streamcast.stream.StreamcastService;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The foreground loop shared by {@code run} and {@code demo}: prints the live status line every
 * interval until the duration is up, Ctrl-C arrives (a shutdown hook), or the service fails; then
 * lets the caller close everything before the JVM exits.
 */
final class ServiceRunner {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private Thread hook;

    /** Installs the Ctrl-C hook: it asks the loop to stop and waits (bounded) until the caller has closed. */
    void installShutdownHook() {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "streamcast-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Tells the loop to stop (as Ctrl-C does). */
    void requestStop() {
        stop.countDown();
    }

    /**
     * Prints status lines until stopped; returns true when it ended by duration or request, false when
     * the service failed.
     */
    boolean loop(StreamcastService service, PrometheusMeterRegistry registry, Duration duration, Duration interval,
            PrintWriter out, Clock clock) throws InterruptedException {
        LiveStatus status = new LiveStatus(registry);
        long start = clock.millis();
        long end = duration == null || duration.isZero() ? Long.MAX_VALUE : start + duration.toMillis();
        status.line(start);
        while (true) {
            long now = clock.millis();
            long wait = Math.min(end - now, interval.toMillis());
            if (wait <= 0 || stop.await(wait, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (service.failed()) {
                return false;
            }
            out.printf(Locale.ROOT, "[%4ds] %s %s%n", (clock.millis() - start) / 1000, service.state(),
                    status.line(clock.millis()));
            out.flush();
        }
    }

    /** Tells a waiting shutdown hook that everything is closed; removes the hook when not shutting down. */
    void closed() {
        closed.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running and now returns
            }
        }
    }
}
