package io.marketlake.bench;

import com.github.luben.zstd.ZstdOutputStream;
import io.marketlake.databento.TopOfBook;
import io.marketlake.databento.TopOfBookReader;
import io.marketlake.ingest.Rejection;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes mbp-1 DBN into TopOfBook through TopOfBookReader.readDbn, the binary quotes path, and reports records
 * per second and the bytes allocated per record (the TopOfBook itself, nothing else): Databento's 4-record test
 * file in a loop (per-response cost: zstd frame, metadata), then a response of millions of records made from its
 * records, uncompressed (decoding alone) and zstd-compressed as Databento sends it.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec@dbn-decode   (JVM: -Xmx512m; -Drows=5000000)</pre>
 */
public final class DbnDecodeBench {

    private static final int BOOK = 80;

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(System.getProperty("rows", "5000000"));
        byte[] fixture;
        try (InputStream in = DbnDecodeBench.class.getClassLoader()
                .getResourceAsStream("databento/dbn/test_data.mbp-1.dbn.zst")) {
            fixture = in.readAllBytes();
        }
        Sum sum = new Sum();
        for (int warm = 0; warm < 3; warm++) {
            fixtureLoop(fixture, 20_000, sum, false);
        }
        fixtureLoop(fixture, 200_000, sum, true);

        byte[] plain = decompressed(fixture);
        int start = 8 + ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
        for (int warm = 0; warm < 2; warm++) {
            measure("warm-up", () -> new Generated(plain, start, rows / 5), rows / 5, sum, false);
        }
        measure("plain DBN, " + rows + " records", () -> new Generated(plain, start, rows), rows, sum, true);

        Path zst = Files.createTempFile("marketlake-dbn-bench-", ".dbn.zst");
        try {
            long compressStart = System.nanoTime();
            try (OutputStream out = new ZstdOutputStream(new BufferedOutputStream(Files.newOutputStream(zst)), 3);
                    InputStream in = new Generated(plain, start, rows)) {
                in.transferTo(out);
            }
            System.out.printf("made the zstd response: %,d MB in %.1f s%n", Files.size(zst) >> 20,
                    (System.nanoTime() - compressStart) / 1e9);
            measure("zstd DBN, " + rows + " records", () -> new BufferedInputStream(Files.newInputStream(zst), 1 << 16),
                    rows, sum, true);
        } finally {
            Files.delete(zst);
        }
        System.out.println("(checksum " + sum.value + ")");
    }

    private static void fixtureLoop(byte[] fixture, int times, Sum sum, boolean report) throws IOException {
        List<Rejection> rejections = new ArrayList<>();
        long before = allocated();
        long begin = System.nanoTime();
        for (int i = 0; i < times; i++) {
            TopOfBookReader.readDbn(new ByteArrayInputStream(fixture), "", sum, rejections);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (report) {
            System.out.printf("fixture (4 records, zstd) x %,d: %.2f s, %,.0f responses/s, %,.0f records/s,"
                    + " %,d bytes allocated per response%n", times, seconds, times / seconds, 4 * times / seconds,
                    (allocated() - before) / times);
        }
        check(rejections);
    }

    interface Open {
        InputStream open() throws IOException;
    }

    private static void measure(String what, Open open, long rows, Sum sum, boolean report) throws IOException {
        List<Rejection> rejections = new ArrayList<>();
        long before = allocated();
        long begin = System.nanoTime();
        try (InputStream in = open.open()) {
            TopOfBookReader.readDbn(in, "", sum, rejections);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (report) {
            System.out.printf("%s: %.2f s, %,.0f records/s, %.1f bytes allocated per record%n", what, seconds,
                    rows / seconds, (allocated() - before) / (double) rows);
        }
        check(rejections);
    }

    private static void check(List<Rejection> rejections) {
        if (!rejections.isEmpty()) {
            throw new IllegalStateException("rejections: " + rejections.get(0));
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static byte[] decompressed(byte[] zst) throws IOException {
        try (InputStream in = new com.github.luben.zstd.ZstdInputStream(new ByteArrayInputStream(zst))) {
            return in.readAllBytes();
        }
    }

    /** What a consumer does with each update without allocating: adds up its sizes. */
    private static final class Sum implements Consumer<TopOfBook> {
        long value;

        @Override
        public void accept(TopOfBook book) {
            value += book.bidSize() + book.askSize() + book.tsRecvNanos();
        }
    }

    /** The fixture's metadata, then its four records over and over (sequence numbers counting up) up to rows. */
    private static final class Generated extends InputStream {
        private final byte[] block;
        private final long rows;
        private final byte[] head;
        private long row;
        private int headAt;
        private int blockAt;
        private final ByteBuffer view;

        Generated(byte[] plain, int start, long rows) {
            this.head = java.util.Arrays.copyOf(plain, start);
            this.rows = rows;
            // 1,024 records at a time: the four fixture records repeated, their sequence renumbered per block
            this.block = new byte[1024 * BOOK];
            for (int i = 0; i < 1024; i++) {
                System.arraycopy(plain, start + (i % 4) * BOOK, block, i * BOOK, BOOK);
            }
            this.view = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
            this.blockAt = block.length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (headAt < head.length) {
                int take = Math.min(length, head.length - headAt);
                System.arraycopy(head, headAt, into, offset, take);
                headAt += take;
                return take;
            }
            if (blockAt == block.length) {
                if (row >= rows) {
                    return -1;
                }
                for (int i = 0; i < 1024; i++) {
                    view.putInt(i * BOOK + 44, (int) (row + i));
                }
                blockAt = 0;
            }
            long left = (rows - row) * BOOK - blockAt;
            int take = (int) Math.min(Math.min(length, block.length - blockAt), left);
            if (take <= 0) {
                return -1;
            }
            System.arraycopy(block, blockAt, into, offset, take);
            blockAt += take;
            if (blockAt == block.length) {
                row += 1024;
            }
            return take;
        }
    }
}
