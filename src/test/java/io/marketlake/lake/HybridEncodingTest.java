package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/**
 * What the lake's hybrid encoder writes, parquet-mr's decoder reads back, value for value, at every bit width; and
 * what parquet-mr's encoder writes, the lake's page decoder reads back.
 */
class HybridEncodingTest {

    @Test
    void runs_and_scattered_values_of_every_width_decode_to_what_was_written() throws IOException {
        Random random = new Random(11);
        for (int bitWidth = 0; bitWidth <= 32; bitWidth++) {
            for (int shape = 0; shape < 4; shape++) {
                int count = 1 + random.nextInt(5_000);
                int[] values = new int[count];
                long bound = bitWidth == 0 ? 1 : 1L << bitWidth;
                for (int i = 0; i < count; i++) {
                    boolean repeat = shape == 1 || (shape == 2 && (i / 37) % 2 == 0);
                    values[i] = repeat && i > 0 ? values[i - 1] : (int) (random.nextLong() & (bound - 1));
                }
                if (shape == 3) {
                    Arrays.fill(values, 0, count / 2, (int) (bound - 1));
                }
                PageBuffer page = new PageBuffer();
                HybridEncoding.write(values, count, bitWidth, page);

                RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(bitWidth,
                        new ByteArrayInputStream(page.array(), 0, page.size()));
                int[] read = new int[count];
                for (int i = 0; i < count; i++) {
                    read[i] = decoder.readInt();
                }
                assertThat(read).as("width %d, shape %d, %d values", bitWidth, shape, count).isEqualTo(values);

                RunLengthBitPackingHybridEncoder theirs = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20,
                        HeapByteBufferAllocator.getInstance());
                for (int value : values) {
                    theirs.writeInt(value);
                }
                int[] decoded = new int[count];
                PageValues.hybrid(ByteBuffer.wrap(theirs.toBytes().toByteArray()), bitWidth, decoded, count);
                assertThat(decoded).as("parquet-mr's, width %d, shape %d, %d values", bitWidth, shape, count)
                        .isEqualTo(values);
            }
        }
    }
}
