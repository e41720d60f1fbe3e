package io.streamcast.cli;

import io.streamcast.stream.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** {@code 120s}, {@code 500ms}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT2M}; the error quotes the value. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Durations.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration: use e.g. 120s, 500ms, 2m, 1h or PT2M"));
    }
}
