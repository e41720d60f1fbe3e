package io.streamcast.replay;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Writes a topic's records to a JSONL recording, one {@link RecordLine} per line, in the order the
 * consumer returns them (so in offset order within each partition). It reads every partition by
 * assignment — no consumer group, no committed offsets — from the beginning or the end, and stops at
 * the first of: {@code max} records, the deadline (by the clock), the end offsets the topic had when
 * recording began ({@code toEnd}), or {@link #stop()}. Progress goes to the given writer about once a
 * second.
 */
public final class TopicRecorder {

    /** What to record and when to stop. {@code max} ≤ 0 and a null {@code duration} mean no such bound. */
    public record Bounds(long max, Duration duration, boolean toEnd, boolean fromEnd) {
        public Bounds {
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw new IllegalArgumentException("record duration must be positive, got " + duration);
            }
        }
    }

    /** What one recording did. */
    public record Summary(long records, int partitions, long elapsedMillis, String stoppedBy) {
    }

    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PROGRESS_EVERY_MS = 1_000;

    private final Consumer<byte[], byte[]> consumer;
    private final Clock clock;
    private final PrintWriter progress;
    private volatile boolean stopped;

    public TopicRecorder(Consumer<byte[], byte[]> consumer, Clock clock, PrintWriter progress) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Stops a running recording from another thread (a Ctrl-C hook): what was read is kept. */
    public void stop() {
        stopped = true;
        consumer.wakeup();
    }

    public Summary record(String topic, Bounds bounds, Writer out) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist (or has no partitions)");
        }
        List<TopicPartition> parts = new ArrayList<>();
        infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        consumer.assign(parts);
        if (bounds.fromEnd()) {
            consumer.seekToEnd(parts);
        } else {
            consumer.seekToBeginning(parts);
        }
        Map<TopicPartition, Long> remaining = new HashMap<>();
        if (bounds.toEnd()) {
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            for (TopicPartition p : parts) {
                if (end.get(p) > consumer.position(p)) {
                    remaining.put(p, end.get(p));
                }
            }
        }
        long start = clock.millis();
        long deadline = bounds.duration() == null ? Long.MAX_VALUE : start + bounds.duration().toMillis();
        long nextProgress = start + PROGRESS_EVERY_MS;
        long count = 0;
        String stoppedBy = null;
        try {
            while (stoppedBy == null) {
                if (stopped) {
                    stoppedBy = "stop";
                } else if (bounds.toEnd() && remaining.isEmpty()) {
                    stoppedBy = "end of topic";
                } else if (clock.millis() >= deadline) {
                    stoppedBy = "duration";
                } else if (bounds.max() > 0 && count >= bounds.max()) {
                    stoppedBy = "max";
                }
                if (stoppedBy != null) {
                    break;
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    if (bounds.max() > 0 && count >= bounds.max()) {
                        break;
                    }
                    out.write(line(r).toJson());
                    out.write('\n');
                    count++;
                    TopicPartition p = new TopicPartition(r.topic(), r.partition());
                    Long end = remaining.get(p);
                    if (end != null && r.offset() + 1 >= end) {
                        remaining.remove(p);
                    }
                }
                if (bounds.toEnd()) {
                    // transaction markers and compacted gaps: done once the position has passed the end
                    remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                }
                long now = clock.millis();
                if (now >= nextProgress) {
                    progress.printf("record %s: %d records%n", topic, count);
                    progress.flush();
                    nextProgress = now + PROGRESS_EVERY_MS;
                }
            }
        } catch (WakeupException e) {
            stoppedBy = "stop";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording after " + count + " records: "
                    + e.getMessage(), e);
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording: " + e.getMessage(), e);
        }
        return new Summary(count, parts.size(), clock.millis() - start, stoppedBy);
    }

    static RecordLine line(ConsumerRecord<byte[], byte[]> r) {
        List<RecordLine.Header> headers = new ArrayList<>();
        r.headers().forEach(h -> headers.add(new RecordLine.Header(h.key(), h.value())));
        return new RecordLine(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), headers);
    }
}
