package io.marketlake.cot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.camel.Exchange;

/**
 * Turns a downloaded CFTC file into text. A zip (the yearly history) must hold exactly the one expected text
 * file at its top level: an entry that would escape the extraction directory, or any other entry, refuses the
 * whole zip, and the uncompressed size is bounded, so a hostile or broken archive cannot fill memory or disk.
 * The entry is read in memory, never extracted to disk.
 */
public final class CotFiles {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final Pattern expectedEntry;
    private final long maxUncompressedBytes;

    public CotFiles(Pattern expectedEntry, long maxUncompressedBytes) {
        this.expectedEntry = expectedEntry;
        this.maxUncompressedBytes = maxUncompressedBytes;
    }

    /** Exchange property with the URL a file was downloaded from (routes/cot.yaml sets it). */
    public static final String DOWNLOADED_FROM = "marketlakeDownloadedFrom";

    /** The text of a downloaded file; the source is the HTTP URI when there is one. */
    public CotFile text(byte[] content, Exchange exchange) throws IOException {
        String source = exchange.getProperty(DOWNLOADED_FROM, String.class);
        if (source == null) {
            source = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        }
        if (source == null) {
            source = exchange.getMessage().getHeader(Exchange.FILE_NAME, "bundled", String.class);
        }
        return text(source, content);
    }

    /** A payload that is already here (bundled sample, dropped file) as the list the COT steps read. */
    public List<CotFile> single(byte[] content, Exchange exchange) throws IOException {
        return List.of(text(content, exchange));
    }

    public CotFile text(String source, byte[] content) throws IOException {
        if (!isZip(content)) {
            return new CotFile(source, withoutBom(new String(content, StandardCharsets.UTF_8)));
        }
        String text = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (escapes(name)) {
                    throw new CotFormatException(source + ": zip entry '" + name
                            + "' would escape the extraction directory; the zip is refused");
                }
                if (entry.isDirectory() || !expectedEntry.matcher(name).matches() || text != null) {
                    throw new CotFormatException(source + ": zip entry '" + name
                            + "' is not the one expected text file (" + expectedEntry.pattern() + "); the zip is refused");
                }
                text = withoutBom(new String(readBounded(zip, source, name), StandardCharsets.UTF_8));
            }
        } catch (ZipException | java.io.EOFException e) {
            // no cause: a ZipException is an IOException, which the routes would retry; the same bytes stay broken
            throw new CotFormatException(source + ": broken or truncated zip: " + e);
        }
        if (text == null) {
            throw new CotFormatException(source + ": the zip holds no text file");
        }
        return new CotFile(source, text);
    }

    private byte[] readBounded(InputStream in, String source, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > maxUncompressedBytes) {
                throw new CotFormatException(source + ": zip entry '" + name + "' uncompresses to more than "
                        + maxUncompressedBytes + " bytes (marketlake.cot.max-uncompressed-bytes); the zip is refused");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    static boolean escapes(String name) {
        String normalized = name.replace('\\', '/');
        if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")) {
            return true;
        }
        Path target = Path.of("extract");
        return !target.resolve(normalized).normalize().startsWith(target);
    }

    private static boolean isZip(byte[] content) {
        if (content.length < ZIP_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < ZIP_MAGIC.length; i++) {
            if (content[i] != ZIP_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** A byte-order mark would glue itself to the first header name, which then matches nothing. */
    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
