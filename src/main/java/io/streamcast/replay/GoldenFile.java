package io.streamcast.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Compares a {@link ReplayOutput} with a golden file: one {@link OutputRecord#toJson()} line per record.
 * A mismatch throws an {@link AssertionError} (any test framework reports it as a failure) naming the
 * golden file, the first differing record (its number, topic and key), the field and the expected and
 * actual values.
 *
 * <p>To rewrite golden files on purpose — after a change that is meant to change the outputs — run the
 * tests with {@code -Dstreamcast.golden.update=true}: each assertion then writes the actual output to its
 * file and passes. Review the diff before committing it.
 */
public final class GoldenFile {
    /** The system property that turns assertions into rewrites of the golden files. */
    public static final String UPDATE_PROPERTY = "streamcast.golden.update";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenFile() {}

    /** Whether {@code -Dstreamcast.golden.update=true} is set. */
    public static boolean updating() {
        return Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false"));
    }

    /** Asserts the output equals the golden file byte for byte (or rewrites it when updating). */
    public static void assertMatches(ReplayOutput actual, Path golden) {
        assertMatches(actual, golden, Tolerance.EXACT);
    }

    /** Asserts the output matches the golden file within the tolerance (or rewrites it when updating). */
    public static void assertMatches(ReplayOutput actual, Path golden, Tolerance tolerance) {
        if (updating()) {
            write(actual, golden);
            return;
        }
        if (!Files.exists(golden)) {
            throw new AssertionError("golden file " + golden + " does not exist: run the test once with -D"
                    + UPDATE_PROPERTY + "=true to write it from the current output, then review and commit it");
        }
        List<String> expected;
        try {
            expected = Files.readAllLines(golden, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + golden + ": " + e.getMessage(), e);
        }
        difference(expected, actual.lines(), tolerance).ifPresent(d -> {
            throw new AssertionError("replay output differs from golden file " + golden + " (" + tolerance + "): " + d
                    + "\n(if the change is intended, rerun with -D" + UPDATE_PROPERTY + "=true and review the diff)");
        });
    }

    /** Writes the output as a golden file, creating its directory. */
    public static void write(ReplayOutput output, Path golden) {
        try {
            Path dir = golden.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.write(golden, output.lines(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write golden file " + golden + ": " + e.getMessage(), e);
        }
    }

    /** The first difference between golden lines and actual lines, described, or empty when they match. */
    public static Optional<String> difference(List<String> expected, List<String> actual, Tolerance tolerance) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            String e = expected.get(i);
            String a = actual.get(i);
            if (e.equals(a)) {
                continue;
            }
            JsonNode et = tree(e);
            JsonNode at = tree(a);
            String where = "record " + (i + 1) + " (line " + (i + 1) + ", " + describe(at) + ")";
            if (et == null || at == null) {
                return Optional.of(where + ": expected line\n  " + e + "\nbut was\n  " + a);
            }
            Optional<String> field = differs("", et, at, tolerance);
            if (field.isPresent()) {
                return Optional.of(where + ": " + field.get());
            }
            if (tolerance.isExact()) {
                return Optional.of(where + ": same values, different text: expected\n  " + e + "\nbut was\n  " + a);
            }
        }
        if (expected.size() != actual.size()) {
            String extra = expected.size() > actual.size()
                    ? "first missing: " + expected.get(n) : "first extra: " + actual.get(n);
            return Optional.of("expected " + expected.size() + " records but got " + actual.size() + "; the first "
                    + n + " match; " + extra);
        }
        return Optional.empty();
    }

    private static Optional<String> differs(String path, JsonNode e, JsonNode a, Tolerance tolerance) {
        if (e.isNumber() && a.isNumber()) {
            return tolerance.accepts(e.asDouble(), a.asDouble()) && (tolerance.isExact() ? e.equals(a) : true)
                    ? Optional.empty() : Optional.of(field(path, e, a));
        }
        if (e.getNodeType() != a.getNodeType()) {
            return Optional.of(field(path, e, a));
        }
        if (e.isObject()) {
            Iterator<String> names = e.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!a.has(name)) {
                    return Optional.of("field " + path + "/" + name + " is missing (expected " + e.get(name) + ")");
                }
                Optional<String> d = differs(path + "/" + name, e.get(name), a.get(name), tolerance);
                if (d.isPresent()) {
                    return d;
                }
            }
            Iterator<String> actualNames = a.fieldNames();
            while (actualNames.hasNext()) {
                String name = actualNames.next();
                if (!e.has(name)) {
                    return Optional.of("field " + path + "/" + name + " is not expected (was " + a.get(name) + ")");
                }
            }
            return Optional.empty();
        }
        if (e.isArray()) {
            if (e.size() != a.size()) {
                return Optional.of("field " + path + " has " + a.size() + " elements, expected " + e.size());
            }
            for (int i = 0; i < e.size(); i++) {
                Optional<String> d = differs(path + "/" + i, e.get(i), a.get(i), tolerance);
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        return e.equals(a) ? Optional.empty() : Optional.of(field(path, e, a));
    }

    private static String field(String path, JsonNode e, JsonNode a) {
        return "field " + (path.isEmpty() ? "/" : path) + ": expected " + e + " but was " + a;
    }

    private static String describe(JsonNode record) {
        if (record == null) {
            return "not JSON";
        }
        return "topic " + record.path("topic").asText("?") + ", key " + record.path("key").asText("null")
                + ", timestamp " + record.path("timestamp").asText("?");
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }
}
