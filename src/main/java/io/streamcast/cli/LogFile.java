package io.streamcast.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the console for streamcast's own lines: everything written to {@code System.err} goes to a
 * file, and only the entries of streamcast's own loggers ({@code io.streamcast.*}) and what is not a
 * log entry at all (an uncaught exception, the JVM's own warnings) also to the console. The embedded broker's and the Kafka clients' chatter — the retried first transactional
 * batch that the broker logs as an ERROR, metadata warnings while topics are created — reads as
 * failure to a newcomer and lands in the file.
 *
 * <p>It works with slf4j-simple writing to {@code System.err} (its default): installed as
 * {@code System.err}, it reads the logger name from each entry's first line ({@code [thread] LEVEL
 * logger - message}); the lines after it up to slf4j-simple's flush (a stack trace) follow the entry.
 */
final class LogFile implements AutoCloseable {

    private static final Pattern ENTRY = Pattern.compile("^\\[.*?\\] (TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - ");
    private static final String OURS = "io.streamcast.";

    private final Path file;
    private final PrintStream previous;
    private final OutputStream log;

    private LogFile(Path file, PrintStream previous, OutputStream log) {
        this.file = file;
        this.previous = previous;
        this.log = log;
    }

    /**
     * Sends log entries to {@code file} (appended), and streamcast's own and everything that is not a log
     * entry also to the current {@code System.err}, until {@link #close()} puts that back.
     */
    static LogFile install(Path file) throws IOException {
        OutputStream log = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        PrintStream console = System.err;
        LogFile routing = new LogFile(file, console, log);
        System.setErr(new PrintStream(routing.new Router(console), false, StandardCharsets.UTF_8));
        return routing;
    }

    Path file() {
        return file;
    }

    /** Whether a log entry whose first line is {@code line} belongs on the console. */
    static boolean forConsole(String line) {
        Matcher m = ENTRY.matcher(line);
        return !m.find() || m.group(2).startsWith(OURS);
    }

    @Override
    public void close() {
        PrintStream routed = System.err;
        System.setErr(previous);
        routed.flush();
        try {
            log.close();
        } catch (IOException e) {
            previous.println("streamcast: cannot close the log file " + file + ": " + e.getMessage());
        }
    }

    /** Splits what is written into lines and routes each; a flush ends the entry in hand. */
    private final class Router extends OutputStream {
        private final PrintStream console;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private Boolean entryToConsole; // null: no entry in hand

        Router(PrintStream console) {
            this.console = console;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            line.write(b);
            if (b == '\n') {
                route();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            if (line.size() > 0) {
                route();
            }
            entryToConsole = null; // slf4j-simple flushes after each entry and its stack trace
            log.flush();
            console.flush();
        }

        private void route() throws IOException {
            byte[] bytes = line.toByteArray();
            line.reset();
            String text = new String(bytes, StandardCharsets.UTF_8);
            boolean header = ENTRY.matcher(text).find();
            if (header || entryToConsole == null) {
                entryToConsole = forConsole(text);
            }
            log.write(bytes); // the file has everything, in order
            if (entryToConsole) {
                console.write(bytes);
            }
        }
    }
}
