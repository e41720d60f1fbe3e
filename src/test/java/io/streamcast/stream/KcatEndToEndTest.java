package io.streamcast.stream;

import io.streamcast.broker.EmbeddedBroker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamcast.metrics.Registries;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service from outside the JVM's clients: kcat (librdkafka) publishes JSON events to a running
 * instance's input topic and reads the forecasts back. Needs {@code kcat} on the PATH ({@code .ci/run}
 * installs it); skipped where it is missing.
 */
class KcatEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void shouldForecastEventsPublishedByKcat() throws Exception {
        assumeTrue(onPath("kcat"), "kcat is not installed");
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("bootstrap.servers", broker.bootstrapServers());
            config.put("application.id", "kcat-e2e");
            config.put("state.dir", tmp.toString());
            config.put("streamcast.topics.input", "kcat.events");
            config.put("streamcast.topics.forecasts", "kcat.forecasts");
            config.put("streamcast.http.port", "0");
            io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry = Registries.prometheus();
            try (StreamcastService service = StreamcastService.start(RuntimeConfig.from(config), registry)) {
                assertTrue(service.awaitRunning(KafkaTestSupport.DEADLINE), "service running");

                StringBuilder lines = new StringBuilder();
                long t0 = System.currentTimeMillis() / 1000 * 1000 - 3_600_000; // recent: see ServiceOnKafkaContract's T0
                for (int i = 0; i < 40; i++) {
                    for (String s : List.of("kc-1", "kc-2")) {
                        String ts = Instant.ofEpochMilli(t0 + i * 1000L).toString(); // ISO-8601 this time
                        lines.append(s).append('\t').append("{\"series\":\"").append(s).append("\",\"ts\":\"")
                                .append(ts).append("\",\"value\":").append(20 + Math.sin(i / 3.0) + (s.equals("kc-2") ? 5 : 0))
                                .append("}\n");
                    }
                }
                Process producer = kcat(broker, "-P", "-t", "kcat.events", "-K", "\t");
                try (OutputStream in = producer.getOutputStream()) {
                    in.write(lines.toString().getBytes(StandardCharsets.UTF_8));
                }
                assertTrue(producer.waitFor(60, TimeUnit.SECONDS), "kcat producer finished");
                assertEquals(0, producer.exitValue(), "kcat producer exit code");

                // stdout to a file: 80 forecasts overflow a pipe that nobody reads while we wait
                Path read = tmp.resolve("forecasts.txt");
                Process consumer = kcat(broker, read, "-C", "-t", "kcat.forecasts", "-o", "beginning", "-c", "80",
                        "-f", "%k\t%s\n");
                boolean done = consumer.waitFor(60, TimeUnit.SECONDS);
                if (!done) {
                    consumer.destroyForcibly();
                }
                String out = java.nio.file.Files.readString(read);
                assertTrue(done, "kcat read 80 forecasts within 60 s; got:\n" + out);
                List<String> records = out.lines().filter(l -> !l.isBlank()).toList();
                assertEquals(80, records.size());
                Map<String, TreeSet<Instant>> origins = new java.util.TreeMap<>();
                for (String record : records) {
                    String[] kv = record.split("\t", 2);
                    JsonNode f = JSON.readTree(kv[1]);
                    assertEquals(kv[0], f.get("series").asText(), "key is the series id");
                    origins.computeIfAbsent(kv[0], k -> new TreeSet<>()).add(Instant.parse(f.get("origin").asText()));
                    assertEquals(10, f.get("points").size());
                    for (JsonNode p : f.get("points")) {
                        Instant.parse(p.get("ts").asText());
                        double mean = p.get("mean").asDouble(Double.NaN);
                        assertTrue(Double.isFinite(mean), "a mean: " + p);
                        assertTrue(p.get("lo").isNull() && p.get("hi").isNull()
                                || p.get("lo").asDouble() <= mean && mean <= p.get("hi").asDouble(), "interval: " + p);
                    }
                }
                assertEquals(List.of("kc-1", "kc-2"), List.copyOf(origins.keySet()));
                origins.forEach((s, o) -> assertEquals(40, o.size(), "one forecast per event of " + s + ", no duplicates"));
                KafkaTestSupport.assertEveryInputAccountedFor(registry, 80,
                        KafkaTestSupport.readAll(broker.bootstrapServers(), "kcat.forecasts").size(),
                        KafkaTestSupport.readAll(broker.bootstrapServers(), "streamcast.dlq").size());
            }
        }
    }

    private Process kcat(EmbeddedBroker broker, String... args) throws IOException {
        return kcat(broker, null, args);
    }

    private Process kcat(EmbeddedBroker broker, Path stdout, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("kcat", "-b", broker.bootstrapServers(), "-q",
                "-X", "topic.partitioner=murmur2_random"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (stdout != null) {
            pb.redirectOutput(stdout.toFile());
        }
        return pb.start();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
