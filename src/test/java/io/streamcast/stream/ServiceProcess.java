package io.streamcast.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code streamcast run} as a child JVM on this test JVM's classpath, as a user runs it: its own
 * process, {@code OMP_NUM_THREADS=1}, stdout and stderr in a log file. {@link #kill()} is SIGKILL
 * ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no flush, no clean close of
 * RocksDB or of the open Kafka transaction.
 */
final class ServiceProcess implements AutoCloseable {

    /** The exit status of a process killed by signal 9, as Java reports it: 128 + 9. */
    static final int KILLED_BY_SIGKILL = 137;

    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -cp <our classpath> io.streamcast.cli.Main run ARGS}; output goes to {@code log}. */
    static ServiceProcess start(Path log, String maxHeap, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1"); // a short-lived JVM: C1 alone starts faster, C2 would only burn CPU
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add("io.streamcast.cli.Main");
        cmd.add("run");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", "1");
        try {
            return new ServiceProcess(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd.get(0), e);
        }
    }

    /**
     * The test JVM's classpath. Surefire may start tests through a manifest-only jar, whose
     * {@code Class-Path} a child JVM follows as well; it also names the real path in
     * {@code surefire.test.class.path}, preferred when present.
     */
    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** CPU time the process has used so far (zero where the platform does not say). */
    java.time.Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits for the process to be gone; returns its exit status (137 when signal 9 ended it). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("process " + process.pid() + " still alive 30 s after SIGKILL");
        }
        return process.exitValue();
    }

    /** True once the log holds a line containing {@code text}. */
    boolean logged(String text) {
        return log().contains(text);
    }

    /** The whole log so far (for failure messages: the last lines say why a child stopped). */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
