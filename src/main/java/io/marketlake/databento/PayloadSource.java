package io.marketlake.databento;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A response that can be opened for reading as often as needed: a landed file, a bundled resource. */
public interface PayloadSource {

    String name();

    /** The response as text (CSV, JSON lines). */
    Reader open() throws IOException;

    /**
     * The response as the bytes received, for a binary (DBN) one or one whose encoding is told by its first bytes.
     * A source that only has text gives it encoded in UTF-8.
     */
    default InputStream openStream() throws IOException {
        return new Utf8Stream(open());
    }

    /** A downloaded response on disk. */
    record FileSource(Path path) implements PayloadSource {
        @Override
        public String name() {
            return path.getFileName().toString();
        }

        @Override
        public Reader open() throws IOException {
            return Files.newBufferedReader(path, StandardCharsets.UTF_8);
        }

        @Override
        public InputStream openStream() throws IOException {
            return Files.newInputStream(path);
        }
    }

    /** Text as a stream of its UTF-8 bytes, encoded as it is read. */
    final class Utf8Stream extends InputStream {
        private final Reader text;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(8192).flip();
        private final ByteBuffer bytes = ByteBuffer.allocate(8192 * 3).flip();
        private boolean ended;

        Utf8Stream(Reader text) {
            this.text = text;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            while (!bytes.hasRemaining()) {
                if (ended && !chars.hasRemaining()) {
                    return -1;
                }
                if (!ended) {
                    chars.compact();
                    int read = text.read(chars);
                    chars.flip();
                    ended = read < 0;
                }
                bytes.clear();
                CoderResult result = encoder.encode(chars, bytes, ended);
                if (ended && !chars.hasRemaining()) {
                    encoder.flush(bytes);
                }
                bytes.flip();
                if (result.isError()) {
                    result.throwException();
                }
            }
            int take = Math.min(length, bytes.remaining());
            bytes.get(into, offset, take);
            return take;
        }

        @Override
        public void close() throws IOException {
            text.close();
        }
    }
}
