package io.streamcast.evaluate;

/** Splitting CSV lines and reading numbers from them, with errors that quote the bad text. */
public final class CsvValues {
    private CsvValues() {}

    /** Fields of a line split on commas, trimmed, surrounding double quotes removed (no embedded commas). */
    static String[] split(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) {
            String s = f[i].trim();
            if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
                s = s.substring(1, s.length() - 1).trim();
            }
            f[i] = s;
        }
        return f;
    }

    /**
     * A decimal number, or NaN/±Inf(inity) spelled out (callers skip and count those). Anything else —
     * including Java-only forms like {@code 1.5d} or hex — is an IllegalArgumentException quoting it.
     */
    static double number(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        boolean plain = (Character.isDigit(last) || last == '.') && s.indexOf('x') < 0 && s.indexOf('X') < 0;
        if (plain) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException ignored) {
                // fall through to the error
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a number");
    }
}
