package io.streamcast.stream;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Dead-letter reasons quote hostile input: at most {@value #QUOTE} characters of it, control characters
 * and lone surrogates escaped, so a reason is one short printable line in a header or a log.
 */
final class Reasons {
    static final int QUOTE = 64;

    private Reasons() {}

    static String quote(String s) {
        return escape(s, QUOTE);
    }

    /** The first line of a parser's message, escaped and cut at 200 characters. */
    static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        String line = m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
        return escape(line, 200);
    }

    private static String escape(String s, int max) {
        int n = Math.min(s.length(), max);
        StringBuilder b = new StringBuilder(n + 8);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > max ? b.append("…").toString() : b.toString();
    }
}
