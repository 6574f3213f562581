package io.marketlake.databento;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A DBN response as a stream of records, straight from the bytes received: zstd-compressed or not, it is read
 * through one buffer, and each record is framed by its length byte where it lies in that buffer (no copy, no
 * object per record). The metadata is read when opening. A response cut inside a record, or whose zstd frame ends
 * early, says so ({@link Next#CUT}) after its complete records.
 */
final class DbnStream implements Closeable {

    /** What {@link #next()} found. */
    enum Next {
        /** A whole record, at {@link #at()} of {@link #buffer()}, {@link #length()} bytes long. */
        RECORD,
        /** The end of the response, after a whole record. */
        END,
        /** The end of a cut response: {@link #available()} bytes of a record, or none, and {@link #problem()}. */
        CUT,
        /** A length byte shorter than a record header: nothing after it can be framed. */
        BROKEN
    }

    private static final int BUFFER = 1 << 16;
    /** Metadata longer than this (64 MiB) is no Databento response: 2,000 symbols with mappings are a few MiB. */
    private static final int MAX_METADATA = 1 << 26;
    private static final int PRELUDE = 8;
    private static final int SHOWN = 200;

    private final Source source;
    private final InputStream in;
    private final boolean compressed;
    private final byte[] bytes = new byte[BUFFER];
    private final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    private int pos;
    private int limit;
    private int length;
    /** Where {@code bytes[0]} is in the decoded response. */
    private long base;
    private long records;
    private boolean eof;
    private String problem;
    private final DbnMetadata metadata;

    private DbnStream(Source source, InputStream in, boolean compressed) throws IOException {
        this.source = source;
        this.in = in;
        this.compressed = compressed;
        this.metadata = readMetadata();
    }

    /**
     * Opens a response and reads its metadata. The payload stays the caller's to close.
     *
     * @throws MalformedPayloadException when it is empty, no DBN (a JSON error body, a web page, CSV) or its
     *     header is cut or broken: none of it is used
     */
    static DbnStream open(InputStream payload) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(payload, BUFFER);
        Source source = new Source(buffered);
        PayloadEncoding encoding = PayloadEncoding.peek(buffered);
        if (encoding == PayloadEncoding.ZSTD) {
            ZstdInputStream zstd = new ZstdInputStream(source);
            try {
                return new DbnStream(source, zstd, true);
            } catch (IOException | RuntimeException e) {
                zstd.close();
                throw e;
            }
        }
        return new DbnStream(source, source, false);
    }

    DbnMetadata metadata() {
        return metadata;
    }

    ByteBuffer buffer() {
        return buffer;
    }

    /** Where the current record starts in {@link #buffer()}. */
    int at() {
        return pos;
    }

    int length() {
        return length;
    }

    /** Where the current record (or the cut one) starts in the decoded response, counting from its first byte. */
    long offset() {
        return base + pos;
    }

    /**
     * The records framed so far, the current one (or the one cut) included: the 1-based index of the current. After a
     * cut between two records ({@link #available()} 0) it is the last whole record's.
     */
    long index() {
        return records;
    }

    /** How many bytes of the record are there, after {@link Next#CUT} or {@link Next#BROKEN}. */
    int available() {
        return limit - pos;
    }

    /** Why the response ended early, after {@link Next#CUT}; null when it ended inside a record without reason. */
    String problem() {
        return problem;
    }

    /** Steps to the next record. */
    Next next() throws IOException {
        pos += length;
        length = 0;
        if (limit - pos < 1 && fill(1) < 1) {
            return problem == null ? Next.END : Next.CUT;
        }
        int size = (bytes[pos] & 0xFF) * DbnLayout.LENGTH_UNIT;
        records++;
        if (size < DbnLayout.HEADER_SIZE) {
            return Next.BROKEN;
        }
        if (limit - pos < size && fill(size) < size) {
            return Next.CUT;
        }
        length = size;
        return Next.RECORD;
    }

    /** Makes {@code need} bytes available from {@code pos} if the response holds them; returns what is there. */
    private int fill(int need) throws IOException {
        if (pos + need > bytes.length) {
            System.arraycopy(bytes, pos, bytes, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit - pos < need && !eof) {
            int read;
            try {
                read = in.read(bytes, limit, bytes.length - limit);
            } catch (IOException e) {
                if (!compressed || source.failed) {
                    throw e;
                }
                // zstd-jni fails when its source ends inside a frame: the response was cut
                eof = true;
                problem = source.ended ? "the response is cut: its zstd frame ends early"
                        : "the response's zstd data cannot be decompressed further: " + e.getMessage();
                break;
            }
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return limit - pos;
    }

    private DbnMetadata readMetadata() throws IOException {
        int head = fill(PRELUDE);
        if (head == 0) {
            throw new MalformedPayloadException("empty response: " + (compressed ? "a zstd frame of nothing"
                    : "no content") + ", not even a DBN header" + (problem == null ? "" : " (" + problem + ")"));
        }
        if (head < 3 || bytes[0] != 'D' || bytes[1] != 'B' || bytes[2] != 'N') {
            throw notDbn();
        }
        if (head < PRELUDE) {
            throw new MalformedPayloadException("DBN response cut in its first " + PRELUDE + " bytes (" + head
                    + " received)" + (problem == null ? "" : ": " + problem));
        }
        int version = bytes[3] & 0xFF;
        if (version < 1 || version > DbnLayout.VERSION) {
            throw new MalformedPayloadException("DBN version " + version + (version > DbnLayout.VERSION
                    ? " is newer than this reader, which reads versions 1 to " + DbnLayout.VERSION
                    : " does not exist"));
        }
        long size = buffer.getInt(4) & 0xFFFFFFFFL;
        if (size < DbnLayout.METADATA_FIXED || size > MAX_METADATA) {
            throw new MalformedPayloadException("DBN v" + version + " metadata of " + size + " bytes: it has "
                    + DbnLayout.METADATA_FIXED + " to " + MAX_METADATA);
        }
        pos = PRELUDE;
        byte[] metadata = new byte[(int) size];
        int copied = 0;
        while (copied < size) {
            int there = fill(Math.min(BUFFER / 2, (int) size - copied));
            if (there == 0) {
                throw new MalformedPayloadException("DBN v" + version + " response cut in its metadata: "
                        + copied + " of its " + size + " bytes received" + (problem == null ? "" : " (" + problem
                        + ")"));
            }
            int take = Math.min(there, (int) size - copied);
            System.arraycopy(bytes, pos, metadata, copied, take);
            copied += take;
            pos += take;
        }
        return DbnMetadata.decode(version, metadata);
    }

    private MalformedPayloadException notDbn() {
        String head = new String(Arrays.copyOf(bytes, Math.min(limit, SHOWN)), StandardCharsets.UTF_8).strip();
        if (head.stripLeading().startsWith("{") && head.contains("\"detail\"")) {
            return new MalformedPayloadException("error response instead of DBN data: "
                    + DatabentoPayloadReader.abbreviate(head));
        }
        boolean text = head.chars().allMatch(c -> c >= ' ' || c == '\n' || c == '\r' || c == '\t');
        return new MalformedPayloadException("not a DBN response" + (compressed ? " (inside its zstd frame)" : "")
                + ": it starts with " + (text ? DatabentoPayloadReader.abbreviate(head)
                        : "bytes " + java.util.HexFormat.of().formatHex(bytes, 0, Math.min(limit, 16)))
                + " where DBN starts with \"DBN\"");
    }

    /** Closes the decompressor, never the caller's payload. */
    @Override
    public void close() throws IOException {
        if (compressed) {
            in.close();
        }
    }

    /**
     * The payload as the decompressor reads it: tells a payload that ended (a cut response) from one that failed,
     * and is never closed by the decompressor.
     */
    private static final class Source extends FilterInputStream {
        boolean ended;
        boolean failed;

        Source(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int read = super.read();
                ended |= read < 0;
                return read;
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int read = super.read(b, off, len);
                ended |= read < 0;
                return read;
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void close() {
            // the payload is the caller's
        }
    }
}
