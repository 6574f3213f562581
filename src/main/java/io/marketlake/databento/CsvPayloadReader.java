package io.marketlake.databento;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV half of {@link DatabentoPayloadReader}. commons-csv parses; the record's text as received is cut from
 * {@link PayloadText} at the parser's character position only when it differs from the values joined by commas
 * (a field was quoted), so the common record costs no copy. A record the parser cannot read is reported and
 * parsing starts again after the line it failed on, never re-reading what it already consumed, so a hostile
 * payload costs linear time.
 */
final class CsvPayloadReader {

    private static final CSVFormat CSV = CSVFormat.DEFAULT;

    private final PayloadText text;
    private final DatabentoPayloadReader.Sink sink;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    /** Physical lines before the current parser's first one: it counts from 0 where it starts. */
    private long lineBase;
    /** Where the next record's region starts: after the previous record's line terminator. */
    private long regionStart;

    // where the last record read is: set by locate(), no object per record
    private long line;
    private long start;
    private long end;
    private boolean joinedValuesAreText;
    private int longestField;
    private long blankLines;
    private String[] names;

    private CsvPayloadReader(PayloadText text, DatabentoPayloadReader.Sink sink) {
        this.text = text;
        this.sink = sink;
    }

    static void read(PayloadText text, long linesBefore, DatabentoPayloadReader.Sink sink) throws IOException {
        new CsvPayloadReader(text, sink).read(linesBefore);
    }

    private void read(long linesBefore) throws IOException {
        start(linesBefore);
        Map<String, Integer> columns = header();
        while (true) {
            text.keepFrom(regionStart);
            long linesRead = parser.getCurrentLineNumber();
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                if (!unreadable(linesRead, e)) {
                    return;
                }
                continue;
            }
            String[] values = record.values();
            locate(record, values, linesRead);
            regionStart = end + terminatorLength(end);
            if (values.length == 1 && values[0].isBlank()) {
                continue;
            }
            check(columns, values);
        }
    }

    private void start(long linesBefore) throws IOException {
        lineBase = linesBefore;
        regionStart = text.position();
        parser = CSVParser.builder().setReader(text).setFormat(CSV).setCharacterOffset(regionStart).get();
        records = parser.iterator();
    }

    private Map<String, Integer> header() {
        CSVRecord header;
        try {
            header = records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw notDatabento();
        }
        if (header == null) {
            throw notDatabento();
        }
        Map<String, Integer> columns = new HashMap<>();
        names = new String[header.size()];
        for (int i = 0; i < header.size(); i++) {
            names[i] = header.get(i).trim();
            columns.put(names[i], i);
        }
        if (!columns.containsKey("rtype") || !(columns.containsKey("ts_event") || columns.containsKey("ts_recv"))) {
            throw notDatabento();
        }
        locate(header, header.values(), 0);
        regionStart = end + terminatorLength(end);
        return columns;
    }

    private MalformedPayloadException notDatabento() {
        long firstLineEnd = regionStart;
        int c;
        while (firstLineEnd < regionStart + DatabentoPayloadReader.PREVIEW && (c = text.charAt(firstLineEnd)) >= 0
                && c != '\n' && c != '\r') {
            firstLineEnd++;
        }
        return new MalformedPayloadException("not a Databento CSV response: first line is '"
                + DatabentoPayloadReader.abbreviate(text.text(regionStart, firstLineEnd)) + "'");
    }

    private void check(Map<String, Integer> columns, String[] values) {
        if (end - start > DatabentoPayloadReader.MAX_RECORD) {
            sink.malformed(line, preview(), "record of " + (end - start) + " characters, longer than the limit of "
                    + DatabentoPayloadReader.MAX_RECORD);
            return;
        }
        if (values[longestField].length() > DatabentoPayloadReader.MAX_FIELD) {
            sink.malformed(line, preview(), "field " + (longestField + 1)
                    + (longestField < names.length ? " (" + names[longestField] + ")" : "") + " of "
                    + values[longestField].length() + " characters, longer than the limit of "
                    + DatabentoPayloadReader.MAX_FIELD);
            return;
        }
        String raw = joinedValuesAreText ? null : text.text(start, end);
        if (values.length != columns.size()) {
            sink.malformed(line, raw != null ? raw : String.join(",", values),
                    "expected " + columns.size() + " fields, found " + values.length);
            return;
        }
        sink.row(new DatabentoRow(line, columns, values, raw));
    }

    private String preview() {
        return DatabentoPayloadReader.truncate(text.text(start, Math.min(end, start + DatabentoPayloadReader.PREVIEW
                + 1)));
    }

    /**
     * Finds the record's line and text. commons-csv's character position is where the record's region starts,
     * before any blank lines it skipped. With no field quoted, the text is the values joined by commas (the
     * default format neither trims nor escapes), which one character after them confirms: a line terminator or
     * the end. Otherwise (quotes, blank lines before, a line break inside quotes: the parser counted more than one
     * line) the text is found by scanning, which only such rare records pay.
     */
    private void locate(CSVRecord record, String[] values, long linesRead) {
        long position = record.getCharacterPosition();
        long joinedLength = values.length - 1;
        longestField = 0;
        for (int i = 0; i < values.length; i++) {
            int length = values[i].length();
            joinedLength += length;
            if (length > values[longestField].length()) {
                longestField = i;
            }
        }
        if (parser.getCurrentLineNumber() - linesRead == 1) {
            int after = text.charAt(position + joinedLength);
            if (after == '\n' || after == '\r' || after < 0 && text.isEnd(position + joinedLength)) {
                line = lineBase + linesRead + 1;
                start = position;
                end = position + joinedLength;
                joinedValuesAreText = true;
                return;
            }
        }
        start = skipBlankLines(position);
        line = lineBase + linesRead + 1 + blankLines;
        end = recordEnd(start);
        joinedValuesAreText = false;
    }

    /** The position of the first character after the empty lines at a position; counts them in blankLines. */
    private long skipBlankLines(long from) {
        long position = from;
        blankLines = 0;
        int previous = -1;
        int c;
        while ((c = text.charAt(position)) == '\n' || c == '\r') {
            if (c == '\r' || previous != '\r') {
                blankLines++;
            }
            previous = c;
            position++;
        }
        return position;
    }

    /** The first line terminator outside quotes, as commons-csv's lexer sees quotes: only opening a field. */
    private long recordEnd(long from) {
        boolean quoted = false;
        boolean fieldStart = true;
        long position = from;
        for (int c; (c = text.charAt(position)) >= 0; position++) {
            if (quoted) {
                if (c == '"') {
                    if (text.charAt(position + 1) == '"') {
                        position++;
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == '\n' || c == '\r') {
                return position;
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else {
                fieldStart = c == ',';
            }
        }
        return position;
    }

    private int terminatorLength(long position) {
        int c = text.charAt(position);
        if (c == '\r') {
            return text.charAt(position + 1) == '\n' ? 2 : 1;
        }
        return c == '\n' ? 1 : 0;
    }

    /**
     * Reports the record the parser failed on, from its region's start to the end of the line it failed on, and
     * starts a new parser after that line; false at the end of the payload.
     */
    private boolean unreadable(long linesRead, RuntimeException failure) throws IOException {
        // commons-csv counts the line it is in the middle of; when it stopped just after a line terminator
        // instead, the line it failed on is the one that terminator ends, which resumes at the same place
        long linesAtFailure = Math.max(linesRead, parser.getCurrentLineNumber() - 1);
        long recordStart = skipBlankLines(regionStart);
        long failedLine = startOfLine(regionStart, linesAtFailure - linesRead);
        boolean tooLong = isTooLong(failure);
        long failedLineEnd;
        if (tooLong) {
            failedLineEnd = text.heldUntil();
        } else {
            try {
                failedLineEnd = text.lineEnd(failedLine);
            } catch (PayloadText.TooLong e) {
                failedLineEnd = text.heldUntil();
            }
        }
        long recordLine = lineBase + linesRead + 1 + blankLines;
        if (tooLong || failedLineEnd - recordStart > DatabentoPayloadReader.MAX_RECORD) {
            sink.malformed(recordLine, DatabentoPayloadReader.truncate(text.text(recordStart,
                    recordStart + DatabentoPayloadReader.PREVIEW + 1)), tooLong
                    ? "record longer than the limit of " + DatabentoPayloadReader.MAX_RECORD + " characters"
                    : "unreadable CSV: " + message(failure));
        } else {
            sink.malformed(recordLine, text.text(recordStart, failedLineEnd), "unreadable CSV: " + message(failure));
        }
        if (text.skipLines(failedLineEnd, 1) == 0) {
            return false;
        }
        start(lineBase + linesAtFailure + 1);
        return true;
    }

    /** The position after a number of line terminators from a position, counted as commons-csv counts lines. */
    private long startOfLine(long from, long terminators) {
        long position = from;
        long counted = 0;
        int previous = -1;
        int c;
        while (counted < terminators && (c = text.charAt(position)) >= 0) {
            position++;
            if (c == '\r' || c == '\n' && previous != '\r') {
                counted++;
            }
            previous = c;
        }
        if (previous == '\r' && text.charAt(position) == '\n') {
            position++;
        }
        return position;
    }

    private static boolean isTooLong(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadText.TooLong) {
                return true;
            }
        }
        return false;
    }

    /** commons-csv's own line numbers count from where the current parser started: the sink gets the real one. */
    private static String message(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage())
                .replaceAll("\\((start)?line [\\d,]+\\) | at line: [\\d,]+, position: [\\d,]+", "");
    }
}
