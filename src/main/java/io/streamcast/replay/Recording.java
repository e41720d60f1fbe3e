package io.streamcast.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A recorded stream: events in file order, read from lines in the input contract (JSON objects
 * {@code {"series","ts","value"|"values"}} or CSV {@code series,ts,value}; blank lines and lines
 * starting with {@code #} are ignored). A bad line is an error naming the recording and line.
 */
public record Recording(String name, List<RecordedEvent> events) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The recordings shipped in the jar, replayed by {@code demo}. */
    public static final List<String> BUNDLED =
            List.of("price-gbm.csv", "machine-temperature.csv", "audio-click.jsonl");

    public Recording {
        Objects.requireNonNull(name, "name");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("recording " + name + " has no events");
        }
    }

    /** Reads one of {@link #BUNDLED} from the classpath. */
    public static Recording bundled(String file) {
        InputStream in = Recording.class.getResourceAsStream("/recordings/" + file);
        if (in == null) {
            throw new IllegalArgumentException("no bundled recording named " + file + "; known: " + BUNDLED);
        }
        return read(file, in);
    }

    public static List<Recording> allBundled() {
        return BUNDLED.stream().map(Recording::bundled).toList();
    }

    /** Reads a recording from a stream (closed afterwards); {@code name} appears in errors. */
    public static Recording read(String name, InputStream in) {
        List<RecordedEvent> events = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                try {
                    events.add(t.startsWith("{") ? json(t) : csv(t));
                } catch (RuntimeException | IOException e) {
                    throw new IllegalArgumentException("recording " + name + " line " + n + ": " + e.getMessage()
                            + " in: " + abbreviate(t), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + name + ": " + e.getMessage(), e);
        }
        return new Recording(name, events);
    }

    private static RecordedEvent csv(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 3) {
            throw new IllegalArgumentException("expected 3 CSV fields series,ts,value but found " + f.length);
        }
        return RecordedEvent.scalar(f[0].strip(), time(f[1].strip()), number(f[2].strip()));
    }

    static RecordedEvent json(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        JsonNode series = n.get("series");
        JsonNode ts = n.get("ts");
        if (series == null || !series.isTextual() || ts == null) {
            throw new IllegalArgumentException("expected fields \"series\" (text) and \"ts\"");
        }
        long time = ts.isNumber() ? ts.asLong() : time(ts.asText());
        JsonNode values = n.get("values");
        if (values != null) {
            if (!values.isArray() || values.isEmpty()) {
                throw new IllegalArgumentException("\"values\" must be a non-empty array of numbers");
            }
            double[] frame = new double[values.size()];
            for (int i = 0; i < frame.length; i++) {
                if (!values.get(i).isNumber()) {
                    throw new IllegalArgumentException("\"values\"[" + i + "] is not a number: " + values.get(i));
                }
                frame[i] = values.get(i).asDouble();
            }
            return RecordedEvent.frame(series.asText(), time, frame);
        }
        JsonNode value = n.get("value");
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("expected a numeric \"value\" or a \"values\" array");
        }
        return RecordedEvent.scalar(series.asText(), time, value.asDouble());
    }

    static long time(String s) {
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(s);
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ts \"" + s + "\" is neither ISO-8601 nor epoch milliseconds");
        }
    }

    static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value \"" + s + "\" is not a number");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** Event time of the last event minus that of the first, in ms. */
    public long span() {
        return events.get(events.size() - 1).timestamp() - events.get(0).timestamp();
    }
}
