package io.streamcast.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find Debian's Prometheus; CI (.ci/run) installs it, so its absence is a failure, not a skip. */
final class PrometheusBinaries {

    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private PrometheusBinaries() {
    }

    static Path require(Path binary) {
        if (!Files.isExecutable(binary)) {
            fail(binary + " is missing: install Debian's Prometheus (apt-get install -y prometheus), as .ci/run does");
        }
        return binary;
    }
}
