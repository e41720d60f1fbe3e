package io.streamcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stored engine state must not change by a byte: ByteSink writes what DataOutputStream writes. */
class ByteSinkTest {

    @Test
    void shouldWriteExactlyTheBytesOfADataOutputStream() throws IOException {
        SplittableRandom random = new SplittableRandom(13);
        for (int round = 0; round < 200; round++) {
            long seed = random.nextLong();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(expected)) {
                writeAll(out, new SplittableRandom(seed));
            }
            ByteSink sink = new ByteSink(1);
            writeAll(sink, new SplittableRandom(seed));
            assertArrayEquals(expected.toByteArray(), sink.toByteArray(), "round " + round);
        }
    }

    private static void writeAll(DataOutput out, SplittableRandom r) throws IOException {
        for (int i = 0; i < 50; i++) {
            switch (r.nextInt(12)) {
                case 0 -> out.write(r.nextInt());
                case 1 -> out.write(new byte[] {(byte) r.nextInt(), (byte) r.nextInt(), 7}, 1, 2);
                case 2 -> out.writeBoolean(r.nextBoolean());
                case 3 -> out.writeShort(r.nextInt());
                case 4 -> out.writeChar(r.nextInt());
                case 5 -> out.writeInt(r.nextInt());
                case 6 -> out.writeLong(r.nextLong());
                case 7 -> out.writeFloat(Float.intBitsToFloat(r.nextInt()));
                case 8 -> out.writeDouble(r.nextBoolean() ? Double.NaN : Double.longBitsToDouble(r.nextLong()));
                case 9 -> out.writeUTF("ar|lags=" + r.nextInt(100) + "|\u0000é\u20ac\ud83d\ude00");
                case 10 -> out.writeBytes("tag" + r.nextInt());
                default -> out.writeChars("ch" + (char) r.nextInt(0x10000));
            }
        }
    }
}
