package io.streamcast.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code target/streamcast.jar}. Exit codes: 0 success, 2 bad usage (picocli's
 * parameter errors), 1 failure (a command's exception, reported as one readable line).
 */
@Command(name = "streamcast", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Streaming time-series forecaster: online AR, FF-AR and LSTM models on Kafka Streams.",
        subcommands = {
            CommandLine.HelpCommand.class,
            BacktestCommand.class,
            ScoreCommand.class,
            EvaluateCommand.class,
            RunCommand.class,
            DemoCommand.class,
            RecordCommand.class,
            ReplayCommand.class,
            BenchCommand.class,
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        // JavaCPP (under ND4J) measures the process's physical memory on every native allocation when this
        // bound is set, which it is by default: a tenth of the FF-AR engine's CPU went to reading /proc.
        // The JVM heap is bounded by -Xmx and ND4J's arrays are freed with their Java objects.
        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null
                && System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of main. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandName() + ": " + message(ex)));
            return 1;
        });
        return cli;
    }

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"streamcast " + (v == null ? "dev" : v)};
        }
    }
}
