package io.streamcast.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;

/**
 * Reads the three fields of a CSV event, one line {@code series,ts,value} (quoted fields allowed, spaces
 * trimmed): only the first line and whether there is a second are read, strings longer than
 * {@code maxString} stop the parser as it reads, and a header line is refused. What the fields mean is
 * {@link EventParser}'s business.
 */
final class CsvEventReader {
    private final ObjectReader csv;

    CsvEventReader(int maxString) {
        this.csv = new CsvMapper(CsvFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(maxString).build()).build())
                .enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.TRIM_SPACES)
                .readerFor(String[].class);
    }

    /** The fields series, ts and value, as text. */
    String[] read(byte[] bytes) throws InvalidEventException {
        String[] fields;
        try (MappingIterator<String[]> rows = csv.readValues(bytes)) {
            // the first row and whether there is a second: a record of many lines is not read to its end
            if (!rows.hasNextValue()) {
                throw new InvalidEventException(DeadLetterKind.MALFORMED, "CSV event must be one line series,ts,value"
                        + " but has none");
            }
            fields = rows.nextValue();
            if (rows.hasNextValue()) {
                throw new InvalidEventException(DeadLetterKind.MALFORMED, "CSV event must be one line series,ts,value"
                        + " but has more");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "not valid CSV: " + Reasons.firstLine(e));
        } catch (IOException | RuntimeException e) {
            // Jackson wraps I/O errors of hasNextValue (e.g. invalid UTF-8) in RuntimeJsonMappingException
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "unreadable CSV: " + Reasons.firstLine(e));
        }
        if (fields.length != 3) {
            throw new InvalidEventException(fields.length < 3 ? DeadLetterKind.MISSING_FIELD : DeadLetterKind.MALFORMED,
                    "CSV event must have 3 fields series,ts,value but has " + fields.length);
        }
        if (fields[0].equalsIgnoreCase("series") && fields[1].equalsIgnoreCase("ts")) {
            throw new InvalidEventException(DeadLetterKind.MALFORMED, "CSV header line, not an event");
        }
        return fields;
    }
}
