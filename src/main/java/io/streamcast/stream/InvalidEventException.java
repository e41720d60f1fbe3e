package io.streamcast.stream;

import java.util.Objects;

/** An input record that cannot become an event; its message is the readable dead-letter reason. */
final class InvalidEventException extends Exception {
    private final DeadLetterKind kind;

    InvalidEventException(DeadLetterKind kind, String reason) {
        super(reason, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    DeadLetterKind kind() {
        return kind;
    }
}
