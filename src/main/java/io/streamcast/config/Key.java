package io.streamcast.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One configuration key, defined once: name, type, default, validator, importance and documentation, as one
 * {@code ConfigDef.define(...)} call is in Kafka. Defined through {@link KeyTable.Builder#define}. A name may hold
 * the segment {@code NAME} (as in {@code streamcast.rules.NAME.match}): the key then stands for every name with a
 * word of letters, digits, {@code _} or {@code -} there ({@link #named}).
 *
 * @param <T> the type of the value
 */
public final class Key<T> {
    /** The placeholder segment of a templated key name. */
    public static final String PLACEHOLDER = "NAME";
    private static final String WORD = "[A-Za-z0-9_-]+";

    private final String name;
    private final Type<T> type;
    private final T defaultValue;
    private final String defaultDoc;
    private final Validator<? super T> validator;
    private final Importance importance;
    private final String doc;
    private final Pattern pattern;

    Key(String name, Type<T> type, T defaultValue, String defaultDoc, Validator<? super T> validator,
            Importance importance, String doc) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type of " + name);
        this.defaultValue = defaultValue;
        this.defaultDoc = defaultDoc;
        this.validator = Objects.requireNonNull(validator, "validator of " + name);
        this.importance = Objects.requireNonNull(importance, "importance of " + name);
        this.doc = Objects.requireNonNull(doc, "doc of " + name);
        this.pattern = Pattern.compile(Pattern.quote(name).replace("." + PLACEHOLDER + ".",
                "\\E\\." + WORD + "\\.\\Q"));
        if (defaultValue != null && !validator.accepts(defaultValue)) {
            throw new IllegalStateException("the default of " + name + " is not valid: " + defaultValue);
        }
    }

    /**
     * An undocumented key for reading one value by name with a type (no default, any value): for callers that
     * read a setting by its name rather than by its definition.
     */
    public static <T> Key<T> of(String name, Type<T> type) {
        return new Key<>(name, type, null, null, Validator.any(), Importance.LOW, "");
    }

    public String name() {
        return name;
    }

    public Type<T> type() {
        return type;
    }

    Validator<? super T> validator() {
        return validator;
    }

    public Importance importance() {
        return importance;
    }

    public String doc() {
        return doc;
    }

    /** Whether the name holds {@link #PLACEHOLDER}. */
    public boolean templated() {
        return name.contains("." + PLACEHOLDER + ".");
    }

    /** Whether {@code key} is this key's name, or one of the names a templated key stands for. */
    public boolean matches(String key) {
        return pattern.matcher(key).matches();
    }

    /** This key for one name: {@code streamcast.rules.NAME.match} named {@code pumps} is {@code streamcast.rules.pumps.match}. */
    public Key<T> named(String word) {
        if (!templated() || !word.matches(WORD)) {
            throw new IllegalArgumentException(name + " cannot be named '" + word + "'");
        }
        return new Key<>(name.replace("." + PLACEHOLDER + ".", "." + word + "."), type, defaultValue, defaultDoc,
                validator, importance, doc);
    }

    /** The default; {@link IllegalStateException} for a key without one (its default depends on other values). */
    public T defaultValue() {
        if (defaultValue == null) {
            throw new IllegalStateException(name + " has no fixed default: " + documentedDefault());
        }
        return defaultValue;
    }

    /** The default as the docs show it: the value written as a user writes it, or the words for a computed one. */
    public String documentedDefault() {
        if (defaultDoc != null) {
            return defaultDoc;
        }
        return defaultValue == null ? "(unset)" : "`" + type.write(defaultValue) + "`";
    }

    /** The value {@code text} denotes, or a {@link ConfigException} naming this key and quoting the text. */
    public T parse(String text) {
        Objects.requireNonNull(text, () -> "configuration key " + name + " has no value");
        T value;
        try {
            value = type.read(text);
        } catch (Type.Explained e) {
            throw new ConfigException(name, "configuration key " + name + ": " + e.getMessage(), true, e);
        } catch (IllegalArgumentException e) {
            String detail = e instanceof NumberFormatException || e.getMessage() == null ? "" : ": " + e.getMessage();
            throw new ConfigException(name, name + " must be " + type.expected() + ", got '" + text + "'" + detail,
                    true, e);
        }
        if (!validator.accepts(value)) {
            throw refused(value instanceof Number ? String.valueOf(value) : "'" + text + "'");
        }
        return value;
    }

    /** {@code value} if the validator accepts it, else a {@link ConfigException}: for values given in code. */
    public T check(T value) {
        if (!validator.accepts(value)) {
            throw refused(value instanceof Number ? String.valueOf(value) : "'" + type.write(value) + "'");
        }
        return value;
    }

    /** The value in {@code values} under this key's name, parsed; else the default. */
    public T read(Map<String, String> values) {
        return find(values).orElseGet(this::defaultValue);
    }

    /** The value in {@code values} under this key's name, parsed, if there is one. */
    public Optional<T> find(Map<String, String> values) {
        String text = values.get(name);
        return text == null ? Optional.empty() : Optional.of(parse(text));
    }

    private ConfigException refused(String shown) {
        return new ConfigException(name, name + " must be " + validator.describe() + ", got " + shown, false, null);
    }

    @Override
    public String toString() {
        return name;
    }
}
