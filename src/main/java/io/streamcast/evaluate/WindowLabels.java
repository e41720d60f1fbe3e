package io.streamcast.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamcast.evaluate.TimeWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NAB-style labels file: {@code {"category/file.csv": [["start", "end"], ...], ...}}. An input
 * file is matched to the longest key that is a suffix of its path (compared by whole path
 * elements), so {@code data/realKnownCause/nyc_taxi.csv} finds {@code realKnownCause/nyc_taxi.csv}.
 */
public final class WindowLabels {

    private final Path source;
    private final Map<String, List<TimeWindow>> windows;

    private WindowLabels(Path source, Map<String, List<TimeWindow>> windows) {
        this.source = source;
        this.windows = windows;
    }

    public static WindowLabels read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a readable labels file (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object of \"category/file.csv\": "
                    + "[[start, end], ...]");
        }
        Map<String, List<TimeWindow>> map = new LinkedHashMap<>();
        for (var e : root.properties()) {
            String key = e.getKey().replace('\\', '/');
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException(file + ": \"" + key + "\": expected a list of [start, end] pairs");
            }
            List<TimeWindow> list = new ArrayList<>();
            for (JsonNode pair : e.getValue()) {
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                    throw new IllegalArgumentException(file + ": \"" + key + "\": expected [start, end] timestamps, got "
                            + pair);
                }
                long start = parse(file, key, pair.get(0).asText());
                long end = parse(file, key, pair.get(1).asText());
                if (end < start) {
                    throw new IllegalArgumentException(file + ": \"" + key + "\": window " + pair + " ends before it starts");
                }
                list.add(new TimeWindow(start, end));
            }
            list.sort((a, b) -> Long.compare(a.start(), b.start()));
            map.put(key, List.copyOf(list));
        }
        return new WindowLabels(file, map);
    }

    private static long parse(Path file, String key, String text) {
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(file + ": \"" + key + "\": " + ex.getMessage(), ex);
        }
    }

    /** The key this input matches; an IllegalArgumentException naming the input when none does. */
    public String keyFor(Path input) {
        String path = input.toAbsolutePath().normalize().toString().replace('\\', '/');
        String best = null;
        for (String key : windows.keySet()) {
            if ((path.equals(key) || path.endsWith("/" + key)) && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException(input + ": no entry in " + source
                    + " (keys are matched to the end of the input path, like 'realKnownCause/nyc_taxi.csv')");
        }
        return best;
    }

    public List<TimeWindow> windows(String key) {
        return windows.get(key);
    }

    int size() {
        return windows.size();
    }

    /** Every key, in the file's order. */
    public List<String> keys() {
        return List.copyOf(windows.keySet());
    }

    Path source() {
        return source;
    }
}
