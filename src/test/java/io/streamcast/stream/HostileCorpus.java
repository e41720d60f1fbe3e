package io.streamcast.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A fixed corpus of hostile input: good events of a few series, in time order, with bad records of every
 * kind the issue names interleaved between them — each bad one with the dead-letter kind it must get.
 * Generated from a seed, so it is the same corpus on every run; nothing large is committed (the megabyte
 * ids and the ten-million-value frames are built here, once, only when asked for).
 *
 * <p>Bad records never carry an event a good series could accept: a duplicate, an out-of-order or a
 * far-past event is only made for a series that already has a step at or after its time, so it is late.
 */
final class HostileCorpus {
    static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");

    /** One input record; {@code kind} is the dead-letter kind it must get, null for a good event. */
    record Entry(byte[] key, byte[] value, RecordHeaders headers, long timestamp, String kind, String what) {
        boolean good() {
            return kind == null;
        }

        int size() {
            return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        }
    }

    private final SplittableRandom random;
    private final long t0;
    private final List<Entry> entries = new ArrayList<>();
    /** The latest event time already sent per good series, and one earlier event of it to resend. */
    private final Map<String, Long> watermark = new HashMap<>();
    private final Map<String, String> sentEvent = new HashMap<>();

    private HostileCorpus(long seed, Instant t0) {
        this.random = new SplittableRandom(seed);
        this.t0 = t0.toEpochMilli();
    }

    /**
     * {@code steps} rounds of one good event per series, with {@code badPerRound} bad records (on average)
     * between them; {@code huge} adds the megabyte ids, ten-million-value frames and oversized headers.
     */
    static List<Entry> generate(long seed, int seriesCount, int steps, double badPerRound, boolean huge) {
        return generate(seed, T0, seriesCount, steps, badPerRound, huge);
    }

    /** The same corpus starting at {@code t0}: a broker keeps records for a week, so its tests start recently. */
    static List<Entry> generate(long seed, Instant t0, int seriesCount, int steps, double badPerRound, boolean huge) {
        HostileCorpus c = new HostileCorpus(seed, t0);
        for (int step = 0; step < steps; step++) {
            for (int s = 0; s < seriesCount; s++) {
                c.good(s, step);
                double n = badPerRound / seriesCount;
                int bad = (int) n + (c.random.nextDouble() < n - (int) n ? 1 : 0);
                for (int b = 0; b < bad; b++) {
                    c.bad();
                }
            }
            if (huge && step == steps / 2) {
                c.huge();
            }
        }
        return List.copyOf(c.entries);
    }

    static List<Entry> goodOnly(List<Entry> corpus) {
        return corpus.stream().filter(Entry::good).toList();
    }

    /** Expected dead letters by kind. */
    static Map<String, Integer> kinds(List<Entry> corpus) {
        Map<String, Integer> kinds = new TreeMap<>();
        corpus.stream().filter(e -> !e.good()).forEach(e -> kinds.merge(e.kind(), 1, Integer::sum));
        return kinds;
    }

    private static String series(int s) {
        return "good-" + s;
    }

    /**
     * The key the series' good events carry. A late event is sent as they are: a keyed record reaches the
     * resampler directly while an unkeyed one goes through the repartition topic, so on a broker a keyed
     * duplicate could overtake the unkeyed original it copies (Kafka orders records per partition only).
     */
    private static String keyOf(String id) {
        return Integer.parseInt(id.substring(id.indexOf('-') + 1)) % 3 == 0 ? id : null;
    }

    private void good(int s, int step) {
        String id = series(s);
        long ts = t0 + step * 60_000L + s;
        double value = 20 + s + 3 * Math.sin(step / 7.0) + random.nextGaussian() * 0.2;
        // a producer stamps its record a little after the event happened
        long recordTs = ts + random.nextInt(2_000);
        String json = "{\"series\":\"" + id + "\",\"ts\":\"" + Instant.ofEpochMilli(ts) + "\",\"value\":" + value + "}";
        switch (s % 3) { // keyed as keyOf says
            case 0 -> add(id, json, recordTs, null, "good keyed JSON");
            case 1 -> add(null, json, recordTs, null, "good JSON without key");
            default -> add(null, id + "," + ts + "," + value, recordTs, null, "good CSV line");
        }
        watermark.put(id, ts);
        sentEvent.put(id, json);
    }

    private void add(String key, String value, long recordTs, String kind, String what) {
        add(key == null ? null : utf8(key), value == null ? null : utf8(value), null, recordTs, kind, what);
    }

    private void add(byte[] key, byte[] value, RecordHeaders headers, long recordTs, String kind, String what) {
        entries.add(new Entry(key, value, headers, recordTs, kind, what));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A good series that has had at least one event, its latest event time, and "now" for its records. */
    private String someSeries() {
        List<String> known = new ArrayList<>(watermark.keySet());
        known.sort(null);
        return known.get(random.nextInt(known.size()));
    }

    private void bad() {
        String id = someSeries();
        long wm = watermark.get(id);
        long now = wm + random.nextInt(2_000);
        String ts = "\"" + Instant.ofEpochMilli(wm) + "\"";
        switch (random.nextInt(32)) {
            case 0 -> { // truncated JSON: an object never closed
                String json = sentEvent.get(id);
                add(id, json.substring(0, 1 + random.nextInt(json.length() - 2)), now, "malformed", "truncated JSON");
            }
            case 1 -> { // binary garbage behind a brace
                byte[] b = new byte[1 + random.nextInt(200)];
                random.nextBytes(b);
                byte[] v = new byte[b.length + 2];
                v[0] = '{';
                v[1] = 'x';
                System.arraycopy(b, 0, v, 2, b.length);
                add(utf8(id), v, null, now, "malformed", "garbage bytes");
            }
            case 2 -> add(id, "{\"series\":\"" + id + "\",\"ts\":" + ts + ",\"value\":NaN}", now, "malformed",
                    "NaN literal in JSON");
            case 3 -> add(id, "{\"series\":\"" + id + "\",\"ts\":" + ts + ",\"value\":" + pick("1e999", "-1e400",
                    "9".repeat(400)) + "}", now, "invalid-value", "number too large for a double");
            case 4 -> add(null, id + "," + wm + "," + pick("NaN", "Infinity", "-Infinity"), now, "invalid-value",
                    "NaN or infinity in CSV");
            case 5 -> add(id, "{\"series\":\"" + id + "\",\"ts\":" + ts + ",\"value\":" + pick("\"21.4\"", "true",
                    "{\"v\":1}", "[1,2]", "\"" + "x".repeat(500) + "\"") + "}", now, "invalid-value",
                    "value of the wrong type");
            case 6 -> add(id, "{\"series\":\"" + id + "\",\"ts\":" + pick("true", "{\"t\":1}", "[1]", "1.5e12",
                    "\"yesterday\"", "\"2026-13-45T99:00:00Z\"") + ",\"value\":1}", now, "invalid-timestamp",
                    "ts of the wrong type or shape");
            case 7 -> add(null, "{\"series\":" + pick("{\"id\":1}", "[\"a\"]", "true") + ",\"ts\":" + ts
                    + ",\"value\":1}", now, "invalid-series", "series of the wrong type");
            case 8 -> { // far future: one such event must not move the series' event time
                long ahead = pick(2L * 3_600_000, 86_400_000L * 365, 86_400_000L * 365 * 500);
                add(id, "{\"series\":\"" + id + "\",\"ts\":" + (now + ahead) + ",\"value\":1e6}", now,
                        "invalid-timestamp", "timestamp far in the future");
            }
            case 9 -> add(id, "{\"series\":\"" + id + "\",\"ts\":" + pick("-1", "-1795532400000",
                    "\"1969-12-31T23:59:59Z\"", "99999999999999999999", "\"+10000-01-01T00:00:00Z\"",
                    "\"+999999999-12-31T23:59:59Z\"", "253402300800000") + ",\"value\":1}", now, "invalid-timestamp",
                    "negative, overflowing or after-9999 timestamp");
            case 10 -> add(keyOf(id), "{\"series\":\"" + id + "\",\"ts\":" + pick(0L, wm - 86_400_000L * 3650, wm - 1)
                    + ",\"value\":1}", now, "late", "far past or out of order for a series past it");
            case 11 -> add(keyOf(id), sentEvent.get(id), now, "late",
                    "duplicate of an event already stepped");
            case 12 -> add(null, "{\"series\":\"" + id + "\\u000" + random.nextInt(8) + "\",\"ts\":" + ts
                    + ",\"value\":1}", now, "invalid-series", "escaped control character in the id");
            case 13 -> add(null, "{\"series\":\"" + id + "\u0001\",\"ts\":" + ts + ",\"value\":1}", now, "malformed",
                    "raw control character inside a JSON string");
            case 14 -> add(id + pick("\u0000", "\n", "\u001b[31m", "\u007f"), "{\"ts\":" + ts + ",\"value\":1}", now,
                    "invalid-series", "control character in the key");
            case 15 -> add(null, "{\"series\":\"" + pick("\\ud800", "a\\udc00b") + "\",\"ts\":" + ts
                    + ",\"value\":1}", now, "invalid-series", "unpaired surrogate in the id");
            case 16 -> add(utf8(id), null, null, now, "malformed", "null value (tombstone)");
            case 17 -> add(null, "{\"ts\":" + ts + ",\"value\":1}", now, "missing-field", "no key and no series");
            case 18 -> add(id, pick("{\"series\":\"" + id + "\",\"value\":1}", "{\"series\":\"" + id + "\",\"ts\":"
                    + ts + "}", "{\"series\":\"" + id + "\",\"ts\":null,\"value\":1}", "{\"series\":\"" + id
                    + "\",\"ts\":" + ts + ",\"value\":null}"), now, "missing-field", "ts or value missing or null");
            case 19 -> { // invalid UTF-8 inside a JSON string
                byte[] v = utf8("{\"series\":\"" + id + "XX\",\"ts\":" + ts + ",\"value\":1}");
                int at = ("{\"series\":\"" + id).length();
                v[at] = (byte) 0xC3;
                v[at + 1] = (byte) 0x28;
                add(null, v, null, now, "malformed", "invalid UTF-8 in the value");
            }
            case 20 -> add(new byte[] {'g', (byte) 0xFF, (byte) 0xFE}, utf8("{\"ts\":" + ts + ",\"value\":1}"), null,
                    now, "invalid-series", "invalid UTF-8 in the key");
            case 21 -> add(null, "{\"series\":\"" + "s".repeat(257 + random.nextInt(700)) + "\",\"ts\":" + ts
                    + ",\"value\":1}", now, "invalid-series", "id longer than max-id-length");
            case 22 -> add(null, "{\"series\":\"" + "s".repeat(2_000 + random.nextInt(100_000)) + "\",\"ts\":" + ts
                    + ",\"value\":1}", now, "invalid-series", "id far longer than max-id-length");
            case 23 -> add("k".repeat(300 + random.nextInt(2_000)), "{\"ts\":" + ts + ",\"value\":1}", now,
                    "invalid-series", "key longer than max-id-length");
            case 24 -> { // deep nesting in a field we do not read
                int depth = 33 + random.nextInt(5_000);
                add(id, "{\"series\":\"" + id + "\",\"ts\":" + ts + ",\"value\":1,\"x\":" + "[".repeat(depth)
                        + "]".repeat(depth) + "}", now, "malformed", "nesting deeper than the parser allows");
            }
            case 25 -> add(id, "{\"series\":\"" + id + "\",\"ts\":" + ts + ",\"values\":" + pick("[]", "[0.5]",
                    "[1,\"x\"]", "[1,null]", "[1,{\"a\":1}]", "5", "{\"a\":1}", "[1e308,-1e308]") + "}", now, "invalid-value",
                    "frame empty, too short, not numbers, or overflowing its features");
            case 26 -> add(id, frame(id, wm, 16_385 + random.nextInt(50_000)), now, "invalid-value",
                    "frame longer than max-frame");
            case 27 -> add(null, pick("series,ts,value", id + "," + wm, id + "," + wm + ",1\n" + id + "," + wm + ",2",
                    id + "," + wm + ",1,extra"), now, pick2("malformed", "missing-field", "malformed", "malformed"),
                    "CSV header, short, multi-line or long");
            case 28 -> add(id, pick("{\"series\":\"" + id + "\",\"series\":\"other\",\"ts\":" + ts + ",\"value\":1}",
                    "{\"series\":\"" + id + "\",\"ts\":" + ts + ",\"value\":1}{\"series\":\"" + id + "\",\"ts\":" + ts
                            + ",\"value\":2}", "[1,2,3]", "{}x", "{"), now, pick2("malformed", "malformed",
                    "malformed", "malformed", "malformed"), "duplicate field, two events, array, trailing garbage");
            case 29 -> add(id, "{\"series\":\"" + id + "\",\"ts\":" + ts + ",\"value\":" + "1".repeat(1_500) + "}",
                    now, "malformed", "number longer than the parser reads");
            case 30 -> add(utf8(id), new byte[0], null, now, "malformed", "empty value");
            default -> add(null, "null", now, "missing-field", "JSON null read as a one-field CSV line");
        }
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        int i = random.nextInt(options.length);
        lastPickIndex = i;
        return options[i];
    }

    private int lastPickIndex;

    /** The option with the index {@link #pick} chose last: the kind that goes with the value it picked. */
    private String pick2(String... kinds) {
        return kinds[lastPickIndex];
    }

    private static String frame(String id, long ts, int samples) {
        StringBuilder b = new StringBuilder(samples * 6 + 64).append("{\"series\":\"").append(id).append("\",\"ts\":")
                .append(ts).append(",\"values\":[");
        for (int i = 0; i < samples; i++) {
            b.append(i == 0 ? "" : ",").append(i % 7 == 0 ? "-0.25" : "0.5");
        }
        return b.append("]}").toString();
    }

    /** The records too large to parse, each made once: megabyte ids and keys, huge frames and headers. */
    private void huge() {
        String id = someSeries();
        long wm = watermark.get(id);
        byte[] megaId = new byte[1 << 20];
        Arrays.fill(megaId, (byte) 'm');
        String small = "{\"ts\":" + wm + ",\"value\":1}";
        add(megaId, utf8(small), null, wm, "too-large", "1 MB key");
        byte[] payload = concat(utf8("{\"series\":\""), megaId, utf8("\",\"ts\":" + wm + ",\"value\":1}"));
        add(null, payload, null, wm, "too-large", "1 MB series id in the payload");
        for (int copy = 0; copy < 2; copy++) {
            add(utf8(id), tenMillionValues(id, wm), null, wm, "too-large", "frame of 10 million values");
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", new byte[600 * 1024]);
        add(utf8(id), utf8("{\"series\":\"" + id + "\",\"ts\":" + wm + ",\"value\":1}"), headers, wm, "too-large",
                "600 KB of headers");
    }

    private static byte[] tenMillionValues(String id, long ts) {
        byte[] head = utf8("{\"series\":\"" + id + "\",\"ts\":" + ts + ",\"values\":[");
        int n = 10_000_000;
        byte[] v = new byte[head.length + 2 * n + 1];
        System.arraycopy(head, 0, v, 0, head.length);
        for (int i = 0; i < n; i++) {
            v[head.length + 2 * i] = '1';
            v[head.length + 2 * i + 1] = ',';
        }
        v[v.length - 2] = ']'; // overwrites the last comma
        v[v.length - 1] = '}';
        return v;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
