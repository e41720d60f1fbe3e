package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamcast.series.Observation;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointLogTest {

    private static final CheckpointLog ENTRY = new CheckpointLog("lstm|lags=0|h=10|step=0", List.of("gone"),
            List.of(new Observation("a", 1_000L, 1.5), new Observation("b", 2_000L, Double.NaN)));

    @Test
    void shouldRoundTripThroughBytesWithAVersionByte() {
        byte[] bytes = ENTRY.toBytes();
        assertEquals(CheckpointLog.VERSION, bytes[0]);
        assertEquals(ENTRY, CheckpointLog.fromBytes(bytes));
    }

    @Test
    void shouldStillReadEntriesWrittenBeforeTheVersionByte() throws IOException {
        // version 1 layout: model key (writeUTF), evicted (count, writeUTF each), batch (count, series, ts, value)
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("lstm|lags=0|h=10|step=0");
            out.writeInt(1);
            out.writeUTF("gone");
            out.writeInt(2);
            out.writeUTF("a");
            out.writeLong(1_000L);
            out.writeDouble(1.5);
            out.writeUTF("b");
            out.writeLong(2_000L);
            out.writeDouble(Double.NaN);
        }
        assertEquals(ENTRY, CheckpointLog.fromBytes(bytes.toByteArray()));
    }

    @Test
    void shouldRefuseAnUnknownVersionByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CheckpointLog.fromBytes(new byte[] {9, 0, 0}));
        assertEquals("checkpoint log entry version 9, expected 1 (no version byte) or 2", e.getMessage());
    }
}
