package io.streamcast.replay;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A test's golden file, handed to a test method by {@link GoldenReplayExtension}: the file is
 * {@code DIR/TestClass/testMethod.jsonl}; {@link #named} gives others beside it (e.g. one per recording
 * of a parameterized test).
 */
public final class GoldenCheck {
    private final Path directory;
    private final String name;

    GoldenCheck(Path directory, String name) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The golden file. */
    public Path path() {
        return directory.resolve(name + ".jsonl");
    }

    /** The golden file {@code NAME.jsonl} in the same directory. */
    public GoldenCheck named(String other) {
        if (other.isBlank() || other.contains("/") || other.contains("\\")) {
            throw new IllegalArgumentException("a golden file name must be non-blank, without a path: " + other);
        }
        return new GoldenCheck(directory, other);
    }

    /** {@link GoldenFile#assertMatches(ReplayOutput, Path)}: byte for byte. */
    public void assertMatches(ReplayOutput actual) {
        GoldenFile.assertMatches(actual, path());
    }

    /** {@link GoldenFile#assertMatches(ReplayOutput, Path, Tolerance)}. */
    public void assertMatches(ReplayOutput actual, Tolerance tolerance) {
        GoldenFile.assertMatches(actual, path(), tolerance);
    }

    @Override
    public String toString() {
        return path().toString();
    }
}
