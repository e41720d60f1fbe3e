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

    @Test
    void shouldRunTheDemoForItsDurationAndExitCleanly() {
        int code = run("demo", "--duration", "4s", "--status-interval", "1s", "--http-port", "0", "--kafka-port", "0",
                "--pass", "20s");
        String printed = out.toString();
        assertEquals(0, code, err.toString() + printed);
        assertTrue(printed.lines().anyMatch(l -> l.matches("bootstrap\\.servers=localhost:\\d+")), printed);
        assertTrue(printed.lines().anyMatch(l -> l.matches("\\[\\s*\\d+s\\] \\w+ events/s=.* forecasts=.*")), printed);
        assertTrue(printed.contains("streamcast demo: stopping after"), printed);
    }
}
