package io.marketlake.databento;

import io.marketlake.ops.Redactor;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

/**
 * Reads a Databento timeseries response in CSV or JSON-lines encoding, whichever the payload is: a JSON payload
 * starts with an object, a CSV one with its header row. Rows stream to a sink one at a time, so a large response
 * never sits in memory as records. A line that cannot be read is reported to the sink and the rest go on.
 */
public final class DatabentoPayloadReader {

    /** Receives the rows of a payload. */
    public interface Sink {
        void row(DatabentoRow row);

        void malformed(long line, String raw, String problem);
    }

    /** A record longer than this (1 MiB) is malformed, not an out-of-memory error. */
    static final int MAX_RECORD = 1 << 20;
    /** A field longer than this (64 KiB) is malformed: no Databento field comes near. */
    static final int MAX_FIELD = 1 << 16;
    /** How much of a record too long to keep is kept for the dead-letter area. */
    static final int PREVIEW = 300;
    /** Room past the limit for the line terminator the parser reads to know a record of the limit ended. */
    private static final int TERMINATOR_ROOM = 16;

    private DatabentoPayloadReader() {
    }

    public static void read(String payload, Sink sink) {
        try {
            read(new StringReader(payload), sink);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a payload to its end; the reader is the caller's to close.
     *
     * @throws MalformedPayloadException when the payload is empty or not Databento data (an error object, a web
     *     page): none of it is used
     */
    public static void read(Reader payload, Sink sink) throws IOException {
        PayloadText text = new PayloadText(payload, MAX_RECORD + TERMINATOR_ROOM);
        int linesBefore = text.skipBomAndWhitespace();
        int first = text.peek();
        if (first < 0) {
            // a day without data is still a CSV header row: nothing at all is a failed or cut response
            throw new MalformedPayloadException("empty response: " + (text.position() == 0 ? "no content"
                    : "only whitespace") + ", not even a CSV header row");
        }
        if (first == '{') {
            JsonLinesPayloadReader.read(text, linesBefore, sink);
        } else {
            CsvPayloadReader.read(text, linesBefore, sink);
        }
    }

    static String abbreviate(String text) {
        return Redactor.shortened(text.replaceAll("\\s+", " "), 120, "...");
    }

    /** A record's beginning for the dead-letter area when the whole is too long to keep. */
    static String truncate(String text) {
        return Redactor.shortened(text, PREVIEW, "...[truncated]");
    }
}
