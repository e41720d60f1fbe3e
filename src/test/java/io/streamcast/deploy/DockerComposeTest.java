package io.streamcast.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker/compose.yml and docker/Dockerfile, checked without Docker: they parse, mount real files, pin images. */
class DockerComposeTest {

    private static final Path DOCKER = Path.of("docker");
    private static final Pattern PINNED = Pattern.compile("[a-z0-9./_-]+:(?!latest$)[A-Za-z0-9._-]*[0-9][A-Za-z0-9._-]*");

    private static JsonNode compose() throws IOException {
        return new YAMLMapper().readTree(DOCKER.resolve("compose.yml").toFile());
    }

    @Test
    void shouldBringUpKafkaStreamcastReplayerPrometheusAndGrafana() throws IOException {
        JsonNode services = compose().path("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("kafka", "streamcast", "replayer", "prometheus", "grafana"), names);
        assertTrue(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText().contains("controller"),
                "Kafka runs in KRaft mode");
        assertTrue(services.path("streamcast").path("command").toString().contains("\"run\""));
        assertTrue(services.path("replayer").path("command").toString().contains(" replay "));
        assertTrue(services.path("streamcast").path("command").toString().contains("streamcast.http.host=0.0.0.0"),
                "/metrics must be reachable from the Prometheus container");
    }

    @Test
    void shouldPinEveryImageToAnExplicitTag() throws IOException {
        for (Map.Entry<String, JsonNode> s : iterable(compose().path("services"))) {
            String image = s.getValue().path("image").asText("");
            assertTrue(PINNED.matcher(image).matches(), "service " + s.getKey() + " image '" + image
                    + "' must carry an explicit version tag, not latest");
        }
        for (String line : Files.readAllLines(DOCKER.resolve("Dockerfile"))) {
            if (line.startsWith("FROM ")) {
                String image = line.split("\\s+")[1];
                assertTrue(PINNED.matcher(image).matches(), "Dockerfile base image '" + image + "' must be pinned");
            }
        }
    }

    @Test
    void shouldMountOnlyFilesThatExist() throws IOException {
        JsonNode compose = compose();
        int mounts = 0;
        for (Map.Entry<String, JsonNode> s : iterable(compose.path("services"))) {
            for (JsonNode v : s.getValue().path("volumes")) {
                String source = v.asText().split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    Path p = DOCKER.resolve(source).normalize();
                    assertTrue(Files.exists(p), "service " + s.getKey() + " mounts " + source + " but " + p
                            + " does not exist");
                    mounts++;
                } else {
                    assertTrue(compose.path("volumes").has(source), "service " + s.getKey() + " uses volume "
                            + source + " that is not declared");
                }
            }
            JsonNode build = s.getValue().path("build");
            if (!build.isMissingNode()) {
                Path context = DOCKER.resolve(build.path("context").asText()).normalize();
                assertTrue(Files.isRegularFile(context.resolve(build.path("dockerfile").asText())),
                        "service " + s.getKey() + " builds from a Dockerfile that does not exist");
            }
        }
        assertEquals(5, mounts, "Prometheus config and rules, Grafana datasources, dashboard provider, dashboards");
    }

    @Test
    void shouldBuildWithTheReadmesBuildCommandAndShipTheJarWithItsLibraries() throws IOException {
        Matcher m = Pattern.compile("mvn [^&\\n]*package[^&\\n]*?(?=\\s*&&|\\s*$)", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("README.md")));
        if (!m.find()) {
            fail("README.md has no `mvn ... package` build command");
        }
        String build = m.group().trim();
        List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile"));
        List<String> stages = new ArrayList<>();
        StringBuilder stage = null;
        for (String line : lines) {
            if (line.startsWith("FROM ")) {
                stage = new StringBuilder();
                stages.add("");
            }
            if (stage != null) {
                stage.append(line).append('\n');
                stages.set(stages.size() - 1, stage.toString());
            }
        }
        assertEquals(2, stages.size(), "a multi-stage build: Maven, then a JRE");
        assertTrue(stages.get(0).startsWith("FROM maven:") && stages.get(0).contains(" AS build"));
        assertTrue(stages.get(0).lines().anyMatch(l -> l.equals("RUN " + build)),
                "the build stage must run README's build command: " + build);
        assertTrue(stages.get(1).startsWith("FROM eclipse-temurin:") && stages.get(1).contains("-jre"));
        assertTrue(stages.get(1).contains("COPY --from=build /src/target/streamcast.jar"));
        assertTrue(stages.get(1).contains("COPY --from=build /src/target/lib"));
        assertFalse(stages.get(1).contains("mvn"), "the runtime image carries no build tools");
    }

    @Test
    void shouldPointDashboardsAtTheProvisionedDatasource() throws IOException {
        JsonNode ds = new YAMLMapper().readTree(Path.of("dashboards/grafana/provisioning/datasources/prometheus.yml")
                .toFile()).path("datasources").get(0);
        String uid = ds.path("uid").asText();
        try (var files = Files.list(Path.of("dashboards/grafana/dashboards"))) {
            for (Path f : files.toList()) {
                for (JsonNode d : new ObjectMapper().readTree(f.toFile()).findValues("datasource")) {
                    assertEquals(uid, d.path("uid").asText(), f + " refers to another datasource");
                }
            }
        }
    }

    @Test
    void shouldMountTheDashboardsWhereTheProvisioningLooksForThem() throws IOException {
        String path = new YAMLMapper().readTree(Path.of("dashboards/grafana/provisioning/dashboards/streamcast.yml")
                .toFile()).path("providers").get(0).path("options").path("path").asText();
        List<String> targets = new ArrayList<>();
        for (JsonNode v : compose().path("services").path("grafana").path("volumes")) {
            targets.add(v.asText().split(":")[1]);
        }
        assertTrue(targets.contains(path), "Grafana reads dashboards from " + path + " but compose mounts " + targets);
        JsonNode prometheus = compose().path("services").path("prometheus");
        assertTrue(prometheus.path("volumes").toString().contains("/etc/prometheus/alerts.yml"),
                "the rules sit beside prometheus.yml, where its rule_files entry points");
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
