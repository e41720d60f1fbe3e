package io.streamcast.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a streamcast instance reads and writes before it starts ({@code streamcast.topics.create}),
 * and those a benchmark or a test needs: only the missing ones, each with its topic settings, and returns once
 * the broker's metadata shows them. Several instances starting at once may race to create a topic; the loser
 * takes the winner's.
 */
public final class TopicCreator {
    private TopicCreator() {}

    /**
     * The input topics given by name (a pattern's topics are the user's to create), with the broker's defaults, and
     * every output and the dead-letter topic with the settings of {@link TopicCheck#creationConfigs}.
     */
    static Map<String, Map<String, String>> topicsToCreate(RuntimeConfig config) {
        Map<String, Map<String, String>> topics = new TreeMap<>();
        config.service().topics().input().forEach(t -> topics.put(t, Map.of()));
        TopicCheck.written(config).forEach((t, role) -> {
            if (role != TopicCheck.Role.CONFIG) { // created, compacted, by ConfigTopicWatcher before the service starts
                topics.put(t, TopicCheck.creationConfigs(role, config));
            }
        });
        return topics;
    }

    /** Creates the topics that do not exist yet, with the broker's defaults; existing ones are left as they are. */
    public static void createMissing(Map<String, Object> clientProps, Set<String> names, int partitions, short replication) {
        Map<String, Map<String, String>> topics = new TreeMap<>();
        names.forEach(n -> topics.put(n, Map.of()));
        createMissing(clientProps, topics, partitions, replication);
    }

    /** Creates the topics that do not exist yet, each with its topic settings; existing ones are left as they are. */
    public static void createMissing(Map<String, Object> clientProps, Map<String, Map<String, String>> topics,
            int partitions, short replication) {
        Set<String> names = topics.keySet();
        try (Admin admin = Admin.create(adminProps(clientProps))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> t : topics.entrySet()) {
                if (!existing.contains(t.getKey())) {
                    missing.add(new NewTopic(t.getKey(), partitions, replication).configs(t.getValue()));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // another instance was faster
                    throw e;
                }
            }
            awaitVisible(admin, missing.stream().map(NewTopic::name).toList());
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot create topics " + names + " on " + clientProps.get(
                    CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * Waits until the broker's metadata shows topics just created: the controller has them when createTopics
     * returns, a broker's metadata a moment later, and what is read before (their settings, for the check) would
     * find them missing.
     */
    private static void awaitVisible(Admin admin, List<String> names) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " created but not visible: "
                            + e.getCause().getMessage(), e.getCause());
                }
                TimeUnit.MILLISECONDS.sleep(50); // metadata propagation; bounded by the deadline above
            }
        }
    }

    /** The Kafka client properties an Admin client accepts (connection and security settings). */
    static Properties adminProps(Map<String, Object> clientProps) {
        Properties p = new Properties();
        Set<String> adminKeys = org.apache.kafka.clients.admin.AdminClientConfig.configNames();
        clientProps.forEach((k, v) -> {
            if (adminKeys.contains(k)) {
                p.put(k, v);
            }
        });
        return p;
    }
}
