package io.streamcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RuntimeCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldRejectAnUnknownConfigurationKeyAsBadUsageNamingIt() {
        int code = run("run", "--bootstrap-servers", "localhost:1", "-D", "streamcast.horizonn=5");
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("streamcast.horizonn"), err.toString());
    }

    @Test
    void shouldRejectABadDurationQuotingIt() {
        assertEquals(2, run("demo", "--duration", "soon"));
        assertTrue(err.toString().contains("'soon' is not a duration"), err.toString());
    }

    @Test
    void shouldRefuseAKafkaPortInUse() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(2, run("demo", "--kafka-port", Integer.toString(busy.getLocalPort()), "--http-port", "0"));
            assertTrue(err.toString().contains("--kafka-port " + busy.getLocalPort() + " is in use"), err.toString());
        }
    }

    /**
     * What a newcomer sees: the console from start to the fifth status line (3 s apart, so past the first 15 s in
     * which the broker logged an ERROR for the retried first transactional batch) holds no ERROR or WARN line; the
     * broker's and the clients' logs are in the file whose path the demo prints; the demo stops by itself, exit 0.
     */
    @Test
    void shouldShowNoErrorOrWarningOnTheConsoleUpToTheFifthStatusLine() throws IOException {
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        java.io.PrintStream realErr = System.err;
        int code;
        System.setErr(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            code = run("demo", "--duration", "16s", "--status-interval", "3s", "--http-port", "0", "--kafka-port", "0",
                    "--pass", "20s");
        } finally {
            System.setErr(realErr);
        }
        String printed = out.toString();
        String logged = console.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString() + printed + logged);
        assertTrue(printed.lines().anyMatch(l -> l.matches("bootstrap\\.servers=localhost:\\d+")), printed);
        java.util.List<String> status = printed.lines().filter(l -> l.matches("\\[\\s*\\d+s\\] \\w+ events/s=.* forecasts=.*"))
                .toList();
        assertTrue(status.size() >= 5, "five status lines: " + printed);
        assertTrue(printed.contains("streamcast demo: stopping after"), printed);
        for (String line : (printed + logged).lines().toList()) {
            assertTrue(!line.contains("ERROR") && !line.contains("WARN"), "on the console: " + line);
        }
        String logLine = printed.lines().filter(l -> l.startsWith("logs: ")).findFirst().orElseThrow();
        java.nio.file.Path file = java.nio.file.Path.of(logLine.substring("logs: ".length(), logLine.indexOf(" (")));
        assertTrue(java.nio.file.Files.readString(file).contains("org.apache.kafka"), "Kafka's lines are in " + file);
        java.nio.file.Files.delete(file); // the demo keeps its log for the user; this one is the test's to remove
        java.nio.file.Files.delete(file.getParent());
    }
}
