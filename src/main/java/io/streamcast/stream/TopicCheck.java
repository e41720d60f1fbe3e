package io.streamcast.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics the service writes to, and what their settings would do to its records.
 *
 * <p>Kafka deletes records by their <em>timestamp</em> ({@code retention.ms} against the largest timestamp of a
 * segment, checked every {@code log.retention.check.interval.ms}), and a compacted topic keeps only the latest
 * record of each key. So the service makes the topics it creates safe — {@link #creationConfigs} — and, at every
 * start, reads the settings of the topics it is about to write to and names each that would delete what it writes
 * ({@link #findings}):
 * <ul>
 *   <li>an output or dead-letter topic with {@code cleanup.policy} compact: it keeps only the latest forecast of
 *       each series (the latest dead letter of each key) and deletes the others ({@code compacted});</li>
 *   <li>with {@code streamcast.output.timestamp=event}, an output or dead-letter topic with
 *       {@code message.timestamp.type=CreateTime} and a finite {@code retention.ms}: everything about events older
 *       than the retention is deleted at the broker's next retention check ({@code event-time-retention}); or with a
 *       finite {@code message.timestamp.before.max.ms}: the broker refuses those outputs and the service can only
 *       dead-letter their inputs ({@code event-time-refused});</li>
 *   <li>the config topic with a time retention ({@code cleanup.policy} delete and a finite {@code retention.ms}):
 *       overrides older than the retention vanish and the next start silently falls back to the file's values
 *       ({@code config-expires}).</li>
 * </ul>
 * With the default {@code streamcast.output.timestamp=publish} a finite retention is safe: outputs are stamped
 * when they are written and live for the retention from then on.
 */
final class TopicCheck {

    /** What a topic is to the service. */
    enum Role { OUTPUT, DEAD_LETTERS, CONFIG }

    /** One topic that would delete what the service writes, and why; {@code reason} is a short code for the metric. */
    record Finding(String topic, String reason, String problem) {
        String message() {
            return "topic " + topic + " " + problem;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicCheck.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicCheck() {}

    /** The topics the service writes to (outputs, dead letters, the config topic), in a stable order, with roles. */
    static Map<String, Role> written(RuntimeConfig config) {
        Map<String, Role> roles = new LinkedHashMap<>();
        ServiceConfig.Topics topics = config.service().topics();
        roles.put(topics.forecasts(), Role.OUTPUT);
        roles.put(topics.anomalies(), Role.OUTPUT);
        topics.scores().ifPresent(t -> roles.put(t, Role.OUTPUT));
        roles.put(topics.dlq(), Role.DEAD_LETTERS);
        config.configTopic().ifPresent(t -> roles.put(t, Role.CONFIG));
        return roles;
    }

    /**
     * Topic settings for a topic the service creates: outputs and dead letters delete by time, with the retention
     * of {@code streamcast.create-topics.retention} / {@code .dlq-retention} and {@code CreateTime} (so the record
     * keeps the timestamp {@code streamcast.output.timestamp} chose); the config topic is compacted and never
     * deletes an override by age. Input topics get the broker's defaults: their records are the producers'.
     */
    static Map<String, String> creationConfigs(Role role, RuntimeConfig config) {
        return switch (role) {
            case OUTPUT -> deleteAfter(config.outputRetentionMs());
            case DEAD_LETTERS -> deleteAfter(config.dlqRetentionMs());
            case CONFIG -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        };
    }

    private static Map<String, String> deleteAfter(long retentionMs) {
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs),
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
    }

    /** What the settings of one topic would delete of what the service writes to it (none: an empty list). */
    static List<Finding> findings(String topic, Role role, Map<String, String> settings,
            ServiceConfig.OutputTimestamp stamp) {
        List<Finding> out = new ArrayList<>();
        Set<String> policy = policies(settings.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_DELETE));
        long retention = number(settings, TopicConfig.RETENTION_MS_CONFIG, 7 * 24 * 3_600_000L);
        boolean deletesByTime = policy.contains(TopicConfig.CLEANUP_POLICY_DELETE) && retention >= 0;
        String settingsText = "(cleanup.policy=" + String.join(",", policy) + ", retention.ms=" + retention + ")";
        if (role == Role.CONFIG) {
            if (deletesByTime) {
                out.add(new Finding(topic, "config-expires", "deletes configuration overrides older than "
                        + human(retention) + " " + settingsText + ": the next start would silently fall back to the"
                        + " file's values; make it compacted (cleanup.policy=compact) or retention.ms=-1"));
            }
            return out;
        }
        String what = role == Role.OUTPUT ? "forecast or anomaly of each series" : "dead letter of each key";
        if (policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            out.add(new Finding(topic, "compacted", "is compacted " + settingsText + ": it keeps only the latest "
                    + what + " and deletes the others; give the service a topic with cleanup.policy=delete"));
        }
        boolean createTime = !"LogAppendTime".equalsIgnoreCase(settings.getOrDefault(
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"));
        if (stamp == ServiceConfig.OutputTimestamp.EVENT && createTime) {
            if (deletesByTime) {
                out.add(new Finding(topic, "event-time-retention", "deletes records stamped more than "
                        + human(retention) + " ago " + settingsText + " and streamcast.output.timestamp=event stamps"
                        + " outputs with their event's time: what the service publishes about older events is deleted"
                        + " at the broker's next retention check; set retention.ms=-1 on the topic, or"
                        + " streamcast.output.timestamp=publish"));
            }
            long before = number(settings, TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, Long.MAX_VALUE);
            if (before != Long.MAX_VALUE) {
                out.add(new Finding(topic, "event-time-refused", "refuses records stamped more than " + human(before)
                        + " ago (message.timestamp.before.max.ms=" + before + ") and streamcast.output.timestamp=event"
                        + " stamps outputs with their event's time: outputs about older events are refused and only"
                        + " their inputs dead-lettered; remove the limit, or set streamcast.output.timestamp=publish"));
            }
        }
        return out;
    }

    /** Reads the settings of those of {@code topics} that exist and returns every finding, in topic order. */
    static List<Finding> check(Admin admin, Map<String, Role> topics, ServiceConfig.OutputTimestamp stamp) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<ConfigResource> resources = topics.keySet().stream().filter(existing::contains)
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<Finding> out = new ArrayList<>();
            for (ConfigResource r : resources) {
                Map<String, String> settings = new LinkedHashMap<>();
                for (ConfigEntry e : configs.get(r).entries()) {
                    if (e.value() != null) {
                        settings.put(e.name(), e.value());
                    }
                }
                out.addAll(findings(r.name(), topics.get(r.name()), settings, stamp));
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                // a cluster that lets the service write but not describe its topics: nothing to judge by
                LOG.warn("not allowed to read the settings of topics {} ({}): not checked whether they would delete"
                        + " what the service writes", topics.keySet(), e.getCause().getMessage());
                return List.of();
            }
            throw new IllegalStateException("cannot read the settings of topics " + topics.keySet() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot read the settings of topics " + topics.keySet() + " within "
                    + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading topic settings", e);
        }
    }

    private static Set<String> policies(String value) {
        return new java.util.TreeSet<>(Arrays.stream(value.toLowerCase(Locale.ROOT).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    private static long number(Map<String, String> settings, String key, long fallback) {
        String v = settings.get(key);
        try {
            return v == null ? fallback : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** 604800000 → "7 d", 3600000 → "1 h", 90000 → "90 s". */
    static String human(long millis) {
        Duration d = Duration.ofMillis(millis);
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + " d";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + " h";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
