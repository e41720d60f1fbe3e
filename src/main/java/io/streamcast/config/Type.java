package io.streamcast.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the text of a value becomes a value: {@link #read} throws {@link IllegalArgumentException} when it cannot,
 * and {@link #expected} names what was expected ("an integer"), for the message. A parser may put the detail of
 * what is wrong in its exception's message; a {@link NumberFormatException}'s own message is not shown.
 *
 * @param expected what a value of this type looks like, read after "must be": "an integer", "bic or aic"
 * @param reader   text to value
 * @param writer   value to text, for the docs tables
 */
public record Type<T>(String expected, Function<String, T> reader, Function<T, String> writer) {
    public T read(String text) {
        return reader.apply(text);
    }

    /** The text a value of this type is written as (for the docs tables). */
    public String write(T value) {
        return writer.apply(value);
    }

    public static <T> Type<T> of(String expected, Function<String, T> read) {
        return new Type<>(expected, read, String::valueOf);
    }

    public static <T> Type<T> of(String expected, Function<String, T> read, Function<T, String> write) {
        return new Type<>(expected, read, write);
    }

    public static final Type<Integer> INT = of("an integer", t -> Integer.parseInt(t.trim()));
    public static final Type<Long> LONG = of("an integer", t -> Long.parseLong(t.trim()));
    /** A finite number. */
    public static final Type<Double> DOUBLE = of("a finite number", t -> {
        double d = Double.parseDouble(t.trim());
        if (!Double.isFinite(d)) {
            throw new NumberFormatException(t);
        }
        return d;
    }, Type::number);
    public static final Type<Boolean> BOOLEAN = of("true or false", t -> switch (t.trim().toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException();
    });
    /** The text, trimmed. */
    public static final Type<String> STRING = of("a text", String::trim);

    /** One of an enum's constants, written in lower case ({@code bic}; a dash is ignored: {@code box-cox}); "must be bic or aic". */
    public static <E extends Enum<E>> Type<E> choice(Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList();
        String expected = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return of(expected, t -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(t.trim().replace("-", ""))) {
                    return e;
                }
            }
            throw new IllegalArgumentException();
        }, e -> e.name().toLowerCase(Locale.ROOT));
    }

    /** Comma-separated integers, e.g. {@code 8,32,128}. */
    public static final Type<int[]> INTS = of("comma-separated integers", t -> Arrays.stream(t.split(",")).map(String::trim)
            .mapToInt(Integer::parseInt).toArray(),
            v -> Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(",")));

    /**
     * Thrown by a parser that explains, quoting the value, where in it the fault lies (a glob's unclosed bracket):
     * the message is then {@code configuration key KEY: EXPLANATION}.
     */
    public static final class Explained extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public Explained(String explanation, Throwable cause) {
            super(explanation, cause);
        }
    }

    /** A number as people write it: 0.5, 1, 1e4. */
    public static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e6) {
            return Long.toString((long) d);
        }
        return Double.toString(d).replace(".0E", "e").replace("E", "e");
    }
}
