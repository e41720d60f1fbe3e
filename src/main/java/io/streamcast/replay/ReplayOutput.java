package io.streamcast.replay;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a replay produced: every output record, grouped by topic in the order of {@link #topics()}
 * and, within a topic, in the order it was written. With one input partition that order is the
 * service's processing order, so two runs of the same recording give equal outputs.
 */
public record ReplayOutput(List<String> topics, List<OutputRecord> records) {

    public ReplayOutput {
        topics = List.copyOf(topics);
        records = List.copyOf(records);
        for (OutputRecord r : records) {
            if (!topics.contains(r.topic())) {
                throw new IllegalArgumentException("output record of topic " + r.topic() + " is not among " + topics);
            }
        }
    }

    /** The records of one topic, in order. */
    public List<OutputRecord> of(String topic) {
        Objects.requireNonNull(topic, "topic");
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** Records per topic. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        topics.forEach(t -> counts.put(t, 0));
        records.forEach(r -> counts.merge(r.topic(), 1, Integer::sum));
        return counts;
    }

    /** The golden-file lines: one {@link OutputRecord#toJson()} per record. */
    public List<String> lines() {
        return records.stream().map(OutputRecord::toJson).toList();
    }
}
