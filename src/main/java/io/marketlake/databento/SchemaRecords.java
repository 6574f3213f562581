package io.marketlake.databento;

import io.marketlake.ingest.Rejection;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Streams a payload's rows into records of one schema, the one way every schema reader does it: a row that
 * cannot be read becomes an {@code unreadable_record} rejection naming its line, and the rest go on.
 */
public final class SchemaRecords {

    private SchemaRecords() {
    }

    /** Reads {@code payload} to its end; {@code where} prefixes each rejection's line ("" or a file name). */
    public static <T> void read(Reader payload, String where, Function<DatabentoRow, T> toRecord,
            Consumer<T> records, List<Rejection> rejections) throws IOException {
        DatabentoPayloadReader.read(payload, new DatabentoPayloadReader.Sink() {
            @Override
            public void row(DatabentoRow row) {
                // what the consumer reads of the record counts too: a field parsed only when needed can fail there
                try {
                    records.accept(toRecord.apply(row));
                } catch (RuntimeException e) {
                    rejections.add(new Rejection(row.raw(), "unreadable_record",
                            where + "line " + row.line() + ": " + e.getMessage()));
                }
            }

            @Override
            public void malformed(long line, String raw, String problem) {
                rejections.add(new Rejection(raw, "unreadable_record", where + "line " + line + ": " + problem));
            }
        });
    }

    /** Opens the source, reads it whole and closes it; rejections name the source. */
    public static <T> void read(PayloadSource source, Function<DatabentoRow, T> toRecord, Consumer<T> records,
            List<Rejection> rejections) {
        try (Reader reader = source.open()) {
            read(reader, source.name() + " ", toRecord, records, rejections);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name(), e);
        }
    }

    /** A field the record cannot do without. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("undefined " + field);
        }
        return value;
    }
}
