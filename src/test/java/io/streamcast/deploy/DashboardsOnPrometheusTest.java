package io.streamcast.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamcast.cli.Main;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo (embedded broker, service, replay of the bundled recordings) scraped by a real Prometheus
 * every second: every PromQL expression of every dashboard panel must return data, every alert rule
 * and annotation must evaluate without error, and Prometheus must load the shipped rule file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsOnPrometheusTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** What Grafana substitutes for its variables; the window holds many 1 s scrapes. */
    private static final Map<String, String> GRAFANA_VARIABLES = Map.of("$__rate_interval", "30s",
            "$series", "machine-temp");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Thread demo;
    private final java.util.concurrent.atomic.AtomicInteger demoExit = new java.util.concurrent.atomic.AtomicInteger(-1);
    private Process prometheus;
    private Path prometheusLog;
    private String api;

    @BeforeAll
    void startDemoAndPrometheus(@TempDir Path dir) throws Exception {
        Path binary = PrometheusBinaries.require(PrometheusBinaries.PROMETHEUS);
        int appPort = freePort();
        demo = new Thread(() -> demoExit.set(Main.execute("demo", "--http-port", Integer.toString(appPort), "--kafka-port", "0",
                "--pass", "30s", "--status-interval", "1h",
                "--verbose")), "demo-under-prometheus"); // --verbose: logs stay in the build output, no log file left behind
        demo.setDaemon(true);
        demo.start();
        String metrics = "http://127.0.0.1:" + appPort + "/metrics";
        await("the demo's " + metrics + " to show forecasts", () -> get(metrics),
                body -> body.contains("streamcast_forecasts_out_total") && body.contains("streamcast_series_value"));

        int promPort = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
                "rule_files:", "  - " + Path.of("dashboards/alerts.yml").toAbsolutePath(),
                "scrape_configs:", "  - job_name: streamcast", "    static_configs:",
                "      - targets: ['127.0.0.1:" + appPort + "']", ""));
        prometheusLog = dir.resolve("prometheus.log");
        prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort,
                "--web.enable-lifecycle")
                .redirectErrorStream(true).redirectOutput(prometheusLog.toFile()).start();
        api = "http://127.0.0.1:" + promPort + "/api/v1/";
        await("Prometheus to report its streamcast target up", () -> get(api + "targets"),
                body -> body.contains("\"health\":\"up\""));
        await("a few scrapes", () -> get(api + "query?query=" + encode("count_over_time(up{job=\"streamcast\"}[1m])")),
                body -> value(body) >= 3);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (demo != null) {
            demo.interrupt(); // the demo stops as on Ctrl-C: replay, service, broker closed in order
            demo.join(30_000);
            assertEquals(0, demoExit.get(), "the interrupted demo stops cleanly with exit code 0");
        }
    }

    @Test
    void shouldReturnDataForEveryDashboardPanelExpression() throws Exception {
        Map<String, String> panels = new LinkedHashMap<>();
        try (var files = Files.list(Path.of("dashboards/grafana/dashboards"))) {
            for (Path f : files.sorted().toList()) {
                JsonNode d = JSON.readTree(f.toFile());
                for (JsonNode panel : d.findValues("panels")) {
                    for (JsonNode p : panel) {
                        for (JsonNode t : p.path("targets")) {
                            panels.put(f.getFileName() + " / " + p.path("title").asText() + " / " + t.path("refId").asText(),
                                    t.path("expr").asText());
                        }
                    }
                }
            }
        }
        assertTrue(panels.size() >= 25, "all three dashboards read: " + panels.keySet());
        // One deadline for all panels: a panel still empty then is reported with its answer.
        Instant deadline = Instant.now().plus(DEADLINE);
        List<String> empty = new ArrayList<>();
        for (Map.Entry<String, String> e : panels.entrySet()) {
            String expr = substitute(e.getValue());
            try {
                await(e.getKey(), () -> query(expr), body -> ok(body) && !result(body).isEmpty(), deadline);
            } catch (AssertionError ex) {
                empty.add(e.getKey() + ": " + expr + " -> " + query(expr));
            }
        }
        assertEquals(List.of(), empty, "panels without data");
    }

    @Test
    void shouldEvaluateEveryAlertRuleAnnotationAndVariableWithoutError() throws Exception {
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : new YAMLMapper().readTree(Path.of("dashboards/alerts.yml").toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                exprs.add(rule.path("expr").asText());
            }
        }
        assertEquals(7, exprs.size());
        try (var files = Files.list(Path.of("dashboards/grafana/dashboards"))) {
            for (Path f : files.sorted().toList()) {
                JsonNode d = JSON.readTree(f.toFile());
                for (JsonNode a : d.path("annotations").path("list")) {
                    exprs.add(a.path("expr").asText());
                }
                for (JsonNode v : d.path("templating").path("list")) {
                    // label_values(METRIC, LABEL) is Grafana's; the metric selector inside must have data
                    Matcher m = Pattern.compile("label_values\\((.+), *(\\w+)\\)").matcher(v.path("definition").asText());
                    assertTrue(m.matches(), "variable " + v.path("name").asText());
                    String values = query(m.group(1));
                    assertTrue(result(values).size() > 0, "variable " + v.path("name") + " has no values: " + values);
                }
            }
        }
        for (String expr : exprs) {
            String body = query(substitute(expr));
            assertTrue(ok(body), expr + " -> " + body);
        }
        String rules = get(api + "rules");
        for (String alert : List.of("StreamcastAnomalyRateSpike", "StreamcastDeadLetterRate", "StreamcastConsumerLag",
                "StreamcastCoverageDrift", "StreamcastSeriesSilent", "StreamcastNoInput", "StreamcastTopicUnsafe")) {
            assertTrue(rules.contains("\"name\":\"" + alert + "\""), "Prometheus loaded " + alert + ": " + rules);
        }
        assertTrue(!rules.contains("\"health\":\"err\""), "a rule failed to evaluate: " + rules);
    }

    private static String substitute(String expr) {
        String out = expr;
        for (Map.Entry<String, String> v : GRAFANA_VARIABLES.entrySet()) {
            out = out.replace(v.getKey(), v.getValue());
        }
        return out;
    }

    private String query(String expr) {
        return get(api + "query?query=" + encode(expr));
    }

    private static boolean ok(String body) {
        return body.contains("\"status\":\"success\"");
    }

    private static JsonNode result(String body) {
        try {
            return JSON.readTree(body).path("data").path("result");
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** The value of a one-element instant vector, or 0 when there is none yet. */
    private static double value(String body) {
        JsonNode r = result(body);
        return r.size() == 1 ? Double.parseDouble(r.get(0).path("value").get(1).asText()) : 0;
    }

    private String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Polls until the condition holds; fails at the deadline with the last answer and Prometheus's log tail. */
    private void await(String what, java.util.function.Supplier<String> probe, Predicate<String> done) {
        await(what, probe, done, Instant.now().plus(DEADLINE));
    }

    private void await(String what, java.util.function.Supplier<String> probe, Predicate<String> done, Instant deadline) {
        String last;
        while (true) { // probes at least once, also when the deadline has passed already
            last = probe.get();
            if (done.test(last)) {
                return;
            }
            if (!Instant.now().isBefore(deadline)) {
                break;
            }
            if (prometheus != null && !prometheus.isAlive()) {
                fail("Prometheus exited while waiting for " + what + ": " + logTail());
            }
            if (!demo.isAlive()) {
                fail("the demo exited while waiting for " + what);
            }
            try {
                Thread.sleep(200); // polling interval of a deadline-bounded wait on a real condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        fail("timed out waiting for " + what + "; last answer: " + last);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(prometheusLog);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
