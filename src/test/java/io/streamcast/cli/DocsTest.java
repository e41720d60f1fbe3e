package io.streamcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README and the pages under {@code docs/} say what works: the README stays a front page with the two
 * commands CI runs, every link between the pages lands on a file and a heading that exist, every
 * {@code streamcast} command line they show parses (options that exist, values that convert), and the one
 * that needs nothing but the jar — {@code backtest} on the bundled seasonal recording — prints what the page
 * says it prints.
 */
class DocsTest {

    private static final Path README = Path.of("README.md");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final String JAR = "target/streamcast.jar";

    @TempDir
    Path tmp;

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void shouldKeepTheReadmeAFrontPageWithTheTwoCommands() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        assertTrue(lines.size() < 200, "README.md has " + lines.size() + " lines");
        assertTrue(lines.contains("mvn -B -q package -DskipTests && java -jar target/streamcast.jar demo"));
        assertTrue(lines.contains("mvn -B verify"));
        assertTrue(Files.readAllLines(Path.of(".ci/run")).contains("mvn -B verify"), ".ci/run runs README's test command");
    }

    @Test
    void shouldLinkOnlyToPagesAndHeadingsThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // http(s) and other schemes: not ours to check offline
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no file " + resolved + ")");
                } else if (target.contains("#") && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(target.substring(target.indexOf('#') + 1))) {
                    broken.add(page + ": " + target + " (no such heading in " + resolved + ")");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    /** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces to dashes. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new TreeSet<>();
        boolean fence = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            fence ^= line.startsWith("```");
            if (!fence && line.startsWith("#")) {
                String title = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
                out.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return out;
    }

    /** Every {@code java … -jar target/streamcast.jar ARGS} line of every code block, continuation lines joined. */
    private static List<String> commandLines(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        boolean fence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                fence = !fence;
                continue;
            }
            if (fence && line.contains(JAR)) {
                StringBuilder cmd = new StringBuilder(line.strip());
                while (cmd.toString().endsWith("\\") && i + 1 < lines.size()) {
                    cmd.setLength(cmd.length() - 1);
                    cmd.append(' ').append(lines.get(++i).strip());
                }
                out.add(cmd.toString());
            }
        }
        return out;
    }

    /** The arguments after the jar, up to a pipe, {@code &&} or comment; optional {@code [...]} parts left out. */
    static List<String> arguments(String commandLine) {
        String rest = commandLine.substring(commandLine.indexOf(JAR) + JAR.length());
        List<String> args = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        int optional = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' && word.length() == 0) {
                optional++;
            } else if (c == ']' && optional > 0) {
                optional--;
                word.setLength(0);
            } else if (optional > 0) {
                continue;
            } else if (c == '|' || c == '#' || c == '&' || c == ';') {
                break;
            } else if (Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    args.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            args.add(word.toString());
        }
        return args;
    }

    @Test
    void shouldParseEveryCommandLineThePagesShow() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (String line : commandLines(page)) {
                List<String> args = arguments(line);
                try {
                    Main.commandLine().parseArgs(args.toArray(String[]::new));
                    checked++;
                } catch (CommandLine.ParameterException e) {
                    problems.add(page + ": " + line + "\n    " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked >= 8, checked + " command lines checked");
    }

    @Test
    void shouldPrintWhatTheOfflinePageSaysBacktestPrints() throws IOException {
        List<String> page = Files.readAllLines(Path.of("docs/offline.md"), StandardCharsets.UTF_8);
        int start = -1;
        for (int i = 0; i < page.size(); i++) {
            if (page.get(i).startsWith("$ java -jar " + JAR + " backtest")) {
                start = i;
                break;
            }
        }
        assertTrue(start >= 0, "docs/offline.md shows a backtest run");
        StringBuilder cmd = new StringBuilder(page.get(start));
        int i = start;
        while (cmd.toString().endsWith("\\")) {
            cmd.setLength(cmd.length() - 1);
            cmd.append(' ').append(page.get(++i).strip());
        }
        List<String> expected = new ArrayList<>();
        for (i++; !page.get(i).startsWith("```"); i++) {
            expected.add(page.get(i).replace("target/forecasts.csv", "FORECASTS"));
        }
        List<String> args = new ArrayList<>(arguments(cmd.toString()));
        Path forecasts = tmp.resolve("forecasts.csv");
        args.set(args.indexOf("--out") + 1, forecasts.toString());

        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        List<String> printed = run.out().replace(forecasts.toString(), "FORECASTS").lines().toList();
        assertEquals(expected, printed);
        assertTrue(Files.size(forecasts) > 0);
    }
}
