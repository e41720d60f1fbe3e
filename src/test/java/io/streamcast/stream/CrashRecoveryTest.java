package io.streamcast.stream;

import io.streamcast.broker.EmbeddedBroker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamcast.metrics.Registries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure behaviour on a real broker, compared with an uninterrupted reference run of the same
 * input and configuration (same seed): the forecasts, anomalies and dead letters a read_committed
 * consumer sees must be equal, record for record — nothing lost, nothing duplicated, no value
 * changed beyond rounding.
 * <ul>
 * <li>{@code run} as a child process, SIGKILLed three times (mid-stream, during the restart's
 * start-up, mid-stream again) and restarted on the same state directory and application id;</li>
 * <li>the broker stopped mid-stream and started again on the same port and log directory while the
 * service keeps running; it recovers by itself.</li>
 * </ul>
 * The series run AR, FF-AR and LSTM (the shared networks: checkpoint plus replay log is the hard
 * case). Batches are cut by count only ({@code streamcast.batch.interval} far beyond the test,
 * every task's step count a multiple of the batch size): a wall-clock flush would cut other batches
 * in each run, and a shared network stepped over other batches is equal only up to rounding (see
 * README, neural models). AR records must then be equal byte for byte; network records too, but for
 * numbers within {@link #NETWORK_TOLERANCE}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MINUTE = 60_000;
    /** Recent event times: the broker's retention would delete older segments (see ServiceOnKafkaContract). */
    private static final long T0 = System.currentTimeMillis() / (60 * MINUTE) * (60 * MINUTE) - 6 * 60 * MINUTE;
    private static final int PARTITIONS = 2;
    private static final int BATCH = 8;
    private static final int EVENTS_PER_SERIES = 192; // a multiple of BATCH: every batch fills
    /** Two of each model per partition (series i goes to partition i % 2), so each shared network serves two series. */
    private static final List<String> SERIES = List.of("ar-0", "ar-1", "ar-2", "ar-3", "ffar-0", "ffar-1", "ffar-2",
            "ffar-3", "lstm-0", "lstm-1", "lstm-2", "lstm-3");
    private static final int TOTAL = SERIES.size() * EVENTS_PER_SERIES;
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    /**
     * How far (relative) a number of a network series may be from the reference's. After a kill or a
     * broker restart the shared LSTM's numbers were seen to differ from an uninterrupted run by one unit in
     * the last place (at most 1.6e-16 relative), in some runs and not in others, while uninterrupted runs
     * agree bit for bit. Not explained yet; the suspect is a batched network call that had other rows
     * beside it. 1e-12 tolerates that and nothing a lost, doubled or misapplied step could cause.
     */
    private static final double NETWORK_TOLERANCE = 1e-12;

    private Path tmp;
    private String id;
    private EmbeddedBroker broker;
    private Path brokerDir;
    private int brokerPort;
    private StreamcastService reference;
    private Outputs referenceOutputs;
    private final List<StreamcastService> services = new ArrayList<>();
    private final List<ServiceProcess> children = new ArrayList<>();

    /** What a read_committed consumer saw on the output topics: per key, the values in order. */
    private record Outputs(Map<String, List<String>> forecasts, Map<String, List<String>> anomalies,
            Map<String, List<String>> deadLetters) {
    }

    @BeforeAll
    void startBrokerAndReference(@TempDir Path dir) throws Exception {
        tmp = dir;
        id = "crash-" + Long.toHexString(System.nanoTime());
        brokerDir = tmp.resolve("broker");
        broker = EmbeddedBroker.start(0, brokerDir);
        brokerPort = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
        TopicCreator.createMissing(Map.of("bootstrap.servers", broker.bootstrapServers()), Set.of(input()),
                PARTITIONS, (short) 1);
        produceInput();
        // The reference runs while the first test starts: its outputs are awaited only when compared.
        reference = start(config("reference", tmp.resolve("reference-state")));
    }

    @AfterEach
    void stopWhatTheTestStarted() throws InterruptedException {
        for (ServiceProcess child : children) {
            child.close(); // SIGKILL whatever still runs, also when the test failed
        }
        children.clear();
        for (StreamcastService s : services) {
            if (s != reference) {
                s.close();
            }
        }
        services.removeIf(s -> s != reference);
    }

    @AfterAll
    void stopAll() {
        services.forEach(StreamcastService::close);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldPublishWhatAnUninterruptedRunPublishesAfterRepeatedSigkills() throws Exception {
        Map<String, String> config = config("killed", tmp.resolve("killed-state"));
        Path configFile = tmp.resolve("killed.properties");
        writeProperties(configFile, config);
        // --duration: a child orphaned by a test JVM that died without its @AfterEach still ends by itself
        List<String> args = List.of("--config", configFile.toString(), "--status-interval", "1s", "--duration", "5m");

        try (Progress forecasts = new Progress(bootstrap(), topic("killed", "forecasts"))) {
            ServiceProcess child = child(args, 1);
            forecasts.await(TOTAL / 4, child, "a quarter of the forecasts");
            killMidStream(child, forecasts, 1);

            // Killed again while it starts: its stores just wiped for rebuilding, the group not yet rejoined.
            child = child(args, 2);
            ServiceProcess starting = child;
            await(() -> starting.logged("streamcast running"), starting, "the restarted child's start line");
            assertEquals(ServiceProcess.KILLED_BY_SIGKILL, child.kill(), "SIGKILL during start-up");
            System.out.printf("kill 2: during start-up/restore, %d forecasts committed%n", forecasts.count());

            child = child(args, 3);
            int before = forecasts.count();
            Instant restarted = Instant.now();
            forecasts.await(before + 1, child, "a forecast after the restart");
            System.out.printf("restart 3: first new forecast %d ms after the process started%n",
                    Duration.between(restarted, Instant.now()).toMillis());
            forecasts.await(TOTAL * 2 / 3, child, "two thirds of the forecasts");
            killMidStream(child, forecasts, 3);

            child = child(args, 4);
            forecasts.await(TOTAL, child, "every forecast");
            assertTrue(child.isAlive(), "the last child still runs:\n" + child.logTail(20));
        }
        assertSameAsReference(outputs("killed"));
    }

    @Test
    void shouldRecoverByItselfWhenTheBrokerRestartsMidStream() throws Exception {
        reference(); // complete before the broker goes down: the reference must run uninterrupted
        StreamcastService service = start(config("broker-restart", tmp.resolve("broker-restart-state")));
        try (Progress forecasts = new Progress(bootstrap(), topic("broker-restart", "forecasts"))) {
            forecasts.await(TOTAL / 3, null, "a third of the forecasts");
            assertTrue(forecasts.count() < TOTAL, "the broker must stop mid-stream; all was done already");
            Instant down = Instant.now();
            broker.close();
            Instant stopped = Instant.now();
            broker = EmbeddedBroker.start(brokerPort, brokerDir);
            Instant up = Instant.now();
            int before = forecasts.count();
            forecasts.await(before + 1, null, "a forecast after the broker restart");
            System.out.printf("broker restart at %d forecasts: stopped in %d ms, up again %d ms later, first new"
                    + " forecast %d ms after that, service state %s%n", before, Duration.between(down, stopped)
                    .toMillis(), Duration.between(stopped, up).toMillis(), Duration.between(up, Instant.now())
                    .toMillis(), service.state());
            forecasts.await(TOTAL, null, "every forecast");
        }
        assertFalse(service.failed(), "the service recovered by itself: " + service.failure());
        assertSameAsReference(outputs("broker-restart"));
    }

    private void killMidStream(ServiceProcess child, Progress forecasts, int n) throws InterruptedException {
        assertTrue(forecasts.count() < TOTAL, "kill " + n + " must land mid-stream, but all " + TOTAL
                + " forecasts were committed already: make the stream longer");
        Duration cpu = child.cpu();
        assertEquals(ServiceProcess.KILLED_BY_SIGKILL, child.kill(), "killed by signal 9 (exit status 128 + 9)");
        System.out.printf("kill %d: mid-stream at %d of %d forecasts committed (the process had used %d ms of CPU)%n",
                n, forecasts.count(), TOTAL, cpu.toMillis());
    }

    /** The three output topics of a run, each read afresh from its beginning to its end (read_committed). */
    private Outputs outputs(String run) {
        return new Outputs(readToEnd(topic(run, "forecasts")), readToEnd(topic(run, "anomalies")),
                readToEnd(topic(run, "dlq")));
    }

    /**
     * Records of AR series byte for byte; records of the network series alike but for numbers, which may
     * differ by {@link #NETWORK_TOLERANCE} relative. Every record is there once and in order either way.
     */
    private void assertSameAsReference(Outputs outputs) throws InterruptedException {
        Outputs expected = reference();
        assertSame("forecasts", expected.forecasts(), outputs.forecasts());
        assertSame("anomalies", expected.anomalies(), outputs.anomalies());
        assertSame("dead letters", expected.deadLetters(), outputs.deadLetters());
    }

    private static void assertSame(String what, Map<String, List<String>> expected, Map<String, List<String>> actual) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": keys");
        double[] largest = {0};
        int rounded = 0;
        for (String key : expected.keySet()) {
            List<String> e = expected.get(key);
            List<String> a = actual.get(key);
            boolean network = !key.startsWith("ar-");
            for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
                boolean same = i < e.size() && i < a.size() && e.get(i).equals(a.get(i));
                double[] difference = {0};
                if (!same && network && i < e.size() && i < a.size()
                        && numbersAlike(json(e.get(i)), json(a.get(i)), difference)
                        && difference[0] <= NETWORK_TOLERANCE) {
                    largest[0] = Math.max(largest[0], difference[0]);
                    rounded++;
                    continue;
                }
                if (!same) {
                    throw new AssertionError(what + " of " + key + ": " + a.size() + " records, the reference has "
                            + e.size() + "; record " + i + " differs" + (network ? " by more than rounding" : "")
                            + ":\n expected " + (i < e.size() ? e.get(i) : "(none)") + "\n but was  "
                            + (i < a.size() ? a.get(i) : "(none)"));
                }
            }
        }
        if (rounded > 0) {
            System.out.printf("%s: %d network records differ from the reference in the last digits (largest relative"
                    + " difference %.2e)%n", what, rounded, largest[0]);
        }
    }

    /** True when both trees have the same shape and text; records the largest relative difference of numbers. */
    private static boolean numbersAlike(JsonNode e, JsonNode a, double[] largest) {
        if (e.isNumber() && a.isNumber()) {
            double x = e.asDouble();
            double y = a.asDouble();
            double scale = Math.max(Math.abs(x), Math.abs(y));
            largest[0] = Math.max(largest[0], scale == 0 ? 0 : Math.abs(x - y) / scale);
            return true;
        }
        if (e.isArray() && a.isArray() && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                if (!numbersAlike(e.get(i), a.get(i), largest)) {
                    return false;
                }
            }
            return true;
        }
        if (e.isObject() && a.isObject() && e.size() == a.size()) {
            for (var names = e.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!a.has(name) || !numbersAlike(e.get(name), a.get(name), largest)) {
                    return false;
                }
            }
            return true;
        }
        return e.equals(a);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException ex) {
            return JSON.getNodeFactory().textNode(text); // a dead letter's original bytes need not be JSON
        }
    }

    /** The reference's outputs, once it has forecast every event; it must hold one forecast per event. */
    private synchronized Outputs reference() throws InterruptedException {
        if (referenceOutputs == null) {
            try (Progress forecasts = new Progress(bootstrap(), topic("reference", "forecasts"))) {
                forecasts.await(TOTAL, null, "every reference forecast");
            }
            reference.close();
            services.remove(reference);
            referenceOutputs = outputs("reference");
            assertEquals(SERIES.size(), referenceOutputs.forecasts().size());
            referenceOutputs.forecasts().values().forEach(f -> assertEquals(EVENTS_PER_SERIES, f.size(),
                    "one reference forecast per event"));
            assertFalse(referenceOutputs.anomalies().isEmpty(), "the spikes are flagged: anomalies are compared too");
            assertTrue(referenceOutputs.deadLetters().isEmpty(), "no dead letters: " + referenceOutputs.deadLetters());
        }
        return referenceOutputs;
    }

    private String bootstrap() {
        return broker.bootstrapServers();
    }

    private String input() {
        return id + ".events";
    }

    private String topic(String run, String output) {
        return id + "." + run + "." + output;
    }

    private Map<String, String> config(String run, Path stateDir) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", bootstrap());
        c.put("application.id", id + "-" + run);
        c.put("state.dir", stateDir.toString());
        c.put("streamcast.topics.input", input());
        c.put("streamcast.topics.forecasts", topic(run, "forecasts"));
        c.put("streamcast.topics.anomalies", topic(run, "anomalies"));
        c.put("streamcast.topics.dlq", topic(run, "dlq"));
        c.put("streamcast.http.port", "0");
        c.put("streamcast.create-topics.partitions", Integer.toString(PARTITIONS));
        c.put("streamcast.horizon", "5");
        c.put("streamcast.batch.size", Integer.toString(BATCH));
        c.put("streamcast.batch.interval", "1h");
        c.put("streamcast.checkpoint.batches", "4"); // kills land between checkpoints: the replay log is used
        c.put("streamcast.rules.a-ffar.match", "ffar-*");
        c.put("streamcast.rules.a-ffar.model", "ffar");
        c.put("streamcast.rules.b-lstm.match", "lstm-*");
        c.put("streamcast.rules.b-lstm.model", "lstm");
        // A small LSTM: this test is about recovery, not accuracy, and must stay cheap on two shared cores.
        c.put("streamcast.model.lstm.units", "8");
        c.put("streamcast.model.lstm.batch", "8");
        c.put("streamcast.model.lstm.sequence-length", "8");
        c.put("streamcast.model.lstm.tbptt", "8");
        // Static membership: a restarted instance takes its partitions back at once instead of waiting
        // for the killed member's session to expire.
        c.put("group.instance.id", id + "-" + run);
        return c;
    }

    private StreamcastService start(Map<String, String> config) throws InterruptedException {
        StreamcastService s = StreamcastService.start(RuntimeConfig.from(config), Registries.prometheus());
        services.add(s);
        assertTrue(s.awaitRunning(DEADLINE), "service running, state " + s.state());
        return s;
    }

    private ServiceProcess child(List<String> args, int n) {
        ServiceProcess p = ServiceProcess.start(tmp.resolve("child-" + n + ".log"), "384m", args);
        children.add(p);
        return p;
    }

    private static void writeProperties(Path file, Map<String, String> config) throws java.io.IOException {
        Properties p = new Properties();
        p.putAll(config);
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "CrashRecoveryTest");
        }
    }

    /**
     * A sine per series with deterministic noise, series i on partition i % 2; two series get a spike
     * (anomalies to compare).
     */
    private void produceInput() throws Exception {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < EVENTS_PER_SERIES; i++) {
                for (int s = 0; s < SERIES.size(); s++) {
                    String series = SERIES.get(s);
                    SplittableRandom rnd = new SplittableRandom(31L * s + i);
                    double v = 10 * (s + 1) + 3 * Math.sin(2 * Math.PI * i / 24 + s) + 0.2 * (rnd.nextDouble() - 0.5);
                    // three quarters in: past the detector's warm-up (100 observations) and first judgements
                    if ((s == 0 || s == 9) && i == EVENTS_PER_SERIES * 3 / 4) {
                        v += 50;
                    }
                    long ts = T0 + i * MINUTE;
                    sent.add(producer.send(new ProducerRecord<>(input(), s % PARTITIONS, ts, series,
                            "{\"series\":\"" + series + "\",\"ts\":" + ts + ",\"value\":" + v + "}")));
                }
            }
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        }
    }

    /**
     * Counts the distinct records (partition and offset) a read_committed consumer has seen on a topic:
     * the measure of progress while a run is under way. Distinct, because a consumer whose position
     * is briefly out of range after a broker restart starts again from the beginning; the comparison
     * itself reads each topic afresh once the run is done.
     */
    private static final class Progress implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Set<String> seen = new java.util.HashSet<>();

        Progress(String bootstrap, String topic) {
            consumer = KafkaTestSupport.committedReader(bootstrap, topic);
        }

        int count() {
            return seen.size();
        }

        /**
         * Polls until {@code n} records were seen; fails at the deadline, or at once when {@code child}
         * (if given) died, quoting the end of its log.
         */
        void await(int n, ServiceProcess child, String what) {
            Instant deadline = Instant.now().plus(DEADLINE);
            while (seen.size() < n) {
                if (child != null && !child.isAlive()) {
                    throw new AssertionError("the service process died before " + what + ":\n" + child.logTail(40));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("within " + DEADLINE.toSeconds() + " s: " + what + "; read " + seen.size()
                            + (child == null ? "" : "\n" + child.logTail(40)));
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.partition() + "/" + r.offset()));
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static void await(BooleanSupplier condition, ServiceProcess child, String what)
            throws InterruptedException {
        KafkaTestSupport.await(() -> {
            if (!child.isAlive()) {
                throw new AssertionError("the service process died before " + what + ":\n" + child.logTail(40));
            }
            return condition.getAsBoolean();
        }, what);
    }

    private Map<String, List<String>> readToEnd(String topic) {
        try (KafkaConsumer<String, byte[]> reader = KafkaTestSupport.committedReader(bootstrap(), topic)) {
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            drain(reader, all);
            return group(all);
        }
    }

    /**
     * Reads until the consumer's position reaches the end of every partition. With read_committed the
     * end is the last stable offset: records of transactions still open are not there yet, those of
     * aborted ones never will be.
     */
    private static void drain(KafkaConsumer<String, byte[]> reader, List<ConsumerRecord<String, byte[]>> into) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (reader.assignment().isEmpty()) {
            reader.poll(Duration.ofMillis(100)).forEach(into::add);
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no partitions assigned within " + DEADLINE.toSeconds() + " s");
            }
        }
        Map<TopicPartition, Long> end = reader.endOffsets(reader.assignment());
        while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not at the end " + end + " within " + DEADLINE.toSeconds() + " s");
            }
            reader.poll(Duration.ofMillis(100)).forEach(into::add);
        }
    }

    private static Map<String, List<String>> group(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<String>> out = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(new String(r.value(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
