package io.streamcast.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shipped Prometheus configuration and alert rules pass Prometheus's own checker. */
class PromtoolTest {

    @Test
    void shouldAcceptTheShippedConfigurationAndItsRuleFile() throws Exception {
        String out = promtool("check", "config", "dashboards/prometheus.yml");
        assertTrue(out.contains("1 rule files found"), out);
    }

    @Test
    void shouldAcceptTheShippedAlertRules() throws Exception {
        String out = promtool("check", "rules", "dashboards/alerts.yml");
        assertTrue(out.contains("SUCCESS: 7 rules found"), out);
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = PrometheusBinaries.require(PrometheusBinaries.PROMTOOL).toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }
}
