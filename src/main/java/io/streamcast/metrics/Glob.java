package io.streamcast.metrics;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over series ids, as shells and {@code .gitignore} files spell them — the one syntax of
 * {@code streamcast.rules.NAME.match} and {@code streamcast.metrics.series}:
 * <ul>
 *   <li>{@code *} any run of characters, empty and {@code /} included ({@code mic-*} matches {@code mic-1/rms});</li>
 *   <li>{@code ?} exactly one character;</li>
 *   <li>{@code [abc]}, {@code [a-z0-9]} one character of a class, {@code [!abc]} or {@code [^abc]} one not in it
 *       (a {@code ]} first in the class and a {@code -} first or last are themselves);</li>
 *   <li>{@code {a,b,c}} any of the alternatives, each a glob itself ({@code sensor-{a,b*}}, nesting allowed);</li>
 *   <li>{@code \} makes the next character literal ({@code \*}, {@code \[}, {@code \{}, {@code \,}).</li>
 * </ul>
 * Everything else is literal. What cannot be honoured exactly is refused, naming the problem and where it is:
 * an unclosed {@code [} or {@code {}, an empty class, a range that runs backwards, a {@code \} at the end.
 * Lives in {@code metrics}, the package every other one may use, because rules and meters match the same ids.
 */
public final class Glob {
    private final String glob;
    private final Pattern pattern;

    private Glob(String glob, Pattern pattern) {
        this.glob = glob;
        this.pattern = pattern;
    }

    /** Compiles a glob; throws {@link IllegalArgumentException} saying what is wrong and at which character. */
    public static Glob of(String glob) {
        Objects.requireNonNull(glob, "glob");
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("an empty glob matches no series id");
        }
        StringBuilder re = new StringBuilder();
        int end = new Compiler(glob).alternative(0, re, false);
        if (end != glob.length()) { // unreachable: the top level reads to the end
            throw new IllegalArgumentException("cannot read glob '" + glob + "' past character " + (end + 1));
        }
        return new Glob(glob, Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    /**
     * A comma-separated list of globs ({@code streamcast.metrics.series}): split at the commas outside braces and
     * classes, so {@code machine-{a,b},mic-*} is two globs; blanks between commas are skipped.
     */
    public static java.util.List<Glob> list(String commaSeparated) {
        Objects.requireNonNull(commaSeparated, "commaSeparated");
        java.util.List<Glob> out = new java.util.ArrayList<>();
        int depth = 0;
        int classOpen = -1; // index of the '[' of the class we are in, or -1
        int from = 0;
        for (int i = 0; i <= commaSeparated.length(); i++) {
            boolean end = i == commaSeparated.length();
            char c = end ? ',' : commaSeparated.charAt(i);
            if (!end && c == '\\') {
                i++; // the escaped character is never a separator
            } else if (classOpen >= 0) {
                boolean member = i == classOpen + 1 || i == classOpen + 2 && "!^".indexOf(commaSeparated.charAt(i - 1)) >= 0;
                if (c == ']' && !member) {
                    classOpen = -1;
                }
            } else if (c == '[') {
                classOpen = i;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                String part = commaSeparated.substring(from, Math.min(i, commaSeparated.length())).trim();
                if (!part.isEmpty()) {
                    out.add(of(part));
                }
                from = i + 1;
            }
        }
        if (classOpen >= 0 || depth > 0) { // the last part swallowed the end: compile it for the precise message
            of(commaSeparated.substring(Math.min(from, commaSeparated.length())).trim());
        }
        return java.util.List.copyOf(out);
    }

    /** Whether the whole id matches. */
    public boolean matches(String id) {
        return pattern.matcher(id).matches();
    }

    /** The equivalent regular expression. */
    public Pattern pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return glob;
    }

    /** Recursive descent over one glob string. */
    private static final class Compiler {
        private final String g;

        Compiler(String g) {
            this.g = g;
        }

        /**
         * Compiles from {@code i} up to the end, or — inside braces — up to a top-level {@code ,} or {@code }};
         * returns the index where it stopped.
         */
        int alternative(int i, StringBuilder re, boolean inBraces) {
            while (i < g.length()) {
                char c = g.charAt(i);
                if (inBraces && (c == ',' || c == '}')) {
                    return i;
                }
                switch (c) {
                    case '*' -> {
                        re.append(".*");
                        i++;
                    }
                    case '?' -> {
                        re.append('.');
                        i++;
                    }
                    case '[' -> i = characterClass(i, re);
                    case '{' -> i = braces(i, re);
                    case '\\' -> {
                        if (i + 1 >= g.length()) {
                            throw bad("ends with a lone \\ (escape what? write \\\\ for a backslash)", i);
                        }
                        literal(g.charAt(i + 1), re);
                        i += 2;
                    }
                    default -> {
                        literal(c, re);
                        i++;
                    }
                }
            }
            return i;
        }

        private int braces(int open, StringBuilder re) {
            re.append("(?:");
            int i = open + 1;
            while (true) {
                i = alternative(i, re, true);
                if (i >= g.length()) {
                    throw bad("has a { that is never closed by }", open);
                }
                if (g.charAt(i) == '}') {
                    re.append(')');
                    return i + 1;
                }
                re.append('|'); // a ','
                i++;
            }
        }

        private int characterClass(int open, StringBuilder re) {
            int i = open + 1;
            boolean negated = i < g.length() && (g.charAt(i) == '!' || g.charAt(i) == '^');
            if (negated) {
                i++;
            }
            StringBuilder cls = new StringBuilder(negated ? "[^" : "[");
            int first = i;
            boolean any = false;
            while (true) {
                if (i >= g.length()) {
                    throw bad("has a [ that is never closed by ]", open);
                }
                char c = g.charAt(i);
                if (c == ']' && i > first) {
                    break;
                }
                if (c == '\\' && i + 1 < g.length()) {
                    c = g.charAt(++i);
                }
                if (i + 2 < g.length() && g.charAt(i + 1) == '-' && g.charAt(i + 2) != ']') {
                    char to = g.charAt(i + 2);
                    if (to < c) {
                        throw bad("has a range " + c + "-" + to + " that runs backwards", i);
                    }
                    cls.append(classChar(c)).append('-').append(classChar(to));
                    i += 3;
                } else {
                    cls.append(classChar(c));
                    i++;
                }
                any = true;
            }
            if (!any) {
                throw bad("has an empty class []", open);
            }
            re.append(cls).append(']');
            return i + 1;
        }

        private static String classChar(char c) {
            return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
        }

        private static void literal(char c, StringBuilder re) {
            if (Character.isLetterOrDigit(c)) {
                re.append(c);
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }

        private IllegalArgumentException bad(String problem, int at) {
            return new IllegalArgumentException("glob '" + g + "' " + problem + " (character " + (at + 1) + ")");
        }
    }
}
