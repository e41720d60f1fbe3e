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
 */
public interface Type<T> {

    T read(String text);

    /** What a value of this type looks like, read after "must be": "an integer", "bic or aic". */
    String expected();

    /** The text a value of this type is written as (for the docs tables). */
    default String write(T value) {
        return String.valueOf(value);
    }

    static <T> Type<T> of(String expected, Function<String, T> read) {
        return of(expected, read, String::valueOf);
    }

    static <T> Type<T> of(String expected, Function<String, T> read, Function<T, String> write) {
        return new Type<>() {
            @Override
            public T read(String text) {
                return read.apply(text);
            }

            @Override
            public String expected() {
                return expected;
            }

            @Override
            public String write(T value) {
                return write.apply(value);
            }
        };
    }

    Type<Integer> INT = of("an integer", t -> Integer.parseInt(t.trim()));
    Type<Long> LONG = of("an integer", t -> Long.parseLong(t.trim()));
    /** A finite number. */
    Type<Double> DOUBLE = of("a finite number", t -> {
        double d = Double.parseDouble(t.trim());
        if (!Double.isFinite(d)) {
            throw new NumberFormatException(t);
        }
        return d;
    }, Type::number);
    Type<Boolean> BOOLEAN = of("true or false", t -> switch (t.trim().toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException();
    });
    /** The text, trimmed. */
    Type<String> STRING = of("a text", String::trim);

    /** One of an enum's constants, written in lower case ({@code bic}; a dash is ignored: {@code box-cox}); "must be bic or aic". */
    static <E extends Enum<E>> Type<E> choice(Class<E> type) {
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
    Type<int[]> INTS = of("comma-separated integers", t -> Arrays.stream(t.split(",")).map(String::trim)
            .mapToInt(Integer::parseInt).toArray(),
            v -> Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(",")));

    /**
     * Thrown by a parser that explains, quoting the value, where in it the fault lies (a glob's unclosed bracket):
     * the message is then {@code configuration key KEY: EXPLANATION}.
     */
    final class Explained extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public Explained(String explanation, Throwable cause) {
            super(explanation, cause);
        }
    }

    /** A number as people write it: 0.5, 1, 1e4. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e6) {
            return Long.toString((long) d);
        }
        return Double.toString(d).replace(".0E", "e").replace("E", "e");
    }
}
