package io.marketlake.databento;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Databento response as it is kept while it is processed and, when it fails, in its dead letter: text (CSV, JSON
 * lines, an error body) as text, as it always was; a binary response (DBN, or anything zstd-compressed) as the very
 * bytes received, since decoding it to text would lose it. What is binary gets a file name an operator can hand to
 * Databento's own tools ({@code dbn response.dbn.zst}).
 */
public final class DatabentoResponses {

    /** The response held in memory as kept: a String (UTF-8 text) for text, the bytes themselves when binary. */
    public Object kept(byte[] body) {
        if (body == null) {
            return "";
        }
        return PayloadEncoding.of(body, body.length).isBinary() ? body : new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The suffix that names a binary response by what it is: {@code .dbn}, {@code .dbn.zst} (zstd-compressed DBN) or
     * {@code .zst} (zstd-compressed text, or a frame too broken to tell); null for text.
     */
    public static String binarySuffix(byte[] head, int length) {
        PayloadEncoding encoding = PayloadEncoding.of(head, length);
        if (encoding == PayloadEncoding.DBN) {
            return ".dbn";
        }
        if (encoding != PayloadEncoding.ZSTD) {
            return null;
        }
        return PayloadEncoding.inside(head, Math.min(length, PayloadEncoding.ZSTD_HEAD)) == PayloadEncoding.DBN
                ? ".dbn.zst" : ".zst";
    }

    /** {@link #binarySuffix(byte[], int)} of a file, from its first bytes. */
    public static String binarySuffix(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(PayloadEncoding.ZSTD_HEAD);
            return binarySuffix(head, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** {@link #binarySuffix(byte[], int)} of a whole response in memory. */
    public static String binarySuffix(byte[] response) {
        return binarySuffix(response, response.length);
    }
}
