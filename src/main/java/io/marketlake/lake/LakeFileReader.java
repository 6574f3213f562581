package io.marketlake.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the records of one lake file, skipping a file that is not readable Parquet (a truncated copy, a disk
 * error, an operator's stray file) with one ERROR line, so one bad file does not stop every read and every
 * schedule. A file that fails in the middle of its rows still fails the read.
 */
final class LakeFileReader {

    // the reader's name, which operators know from its log lines
    private static final Logger LOG = LoggerFactory.getLogger(LakeReader.class);

    private final Path root;
    private final Set<Path> warnedAbout = ConcurrentHashMap.newKeySet();

    LakeFileReader(Path root) {
        this.root = root;
    }

    /** Gives each record of the file, one at a time. */
    void read(Path file, Consumer<GenericRecord> each) {
        read(file, null, false, each);
    }

    /**
     * Gives each record of the file, with only the named columns when {@code columns} is not null;
     * {@code retained}: the caller keeps every record (see {@link ColumnRecords#read}).
     */
    void read(Path file, Collection<String> columns, boolean retained, Consumer<GenericRecord> each) {
        ParquetFileReader opened = open(file);
        if (opened == null) {
            return;
        }
        try (ParquetFileReader parquet = opened) {
            FileMetaData meta = parquet.getFooter().getFileMetaData();
            Schema projection = columns == null ? null
                    : ColumnRecords.projection(ColumnRecords.avroSchema(meta), columns);
            if (ColumnRecords.reads(meta.getSchema())) {
                ColumnRecords.read(parquet, projection, retained, each);
            } else {
                records(parquet, projection, each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lake file " + root.relativize(file), e);
        }
    }

    /**
     * Gives each row group of the file decoded into the named columns (a flat file; another is read as records and
     * refused here: lake files are flat).
     */
    void groups(Path file, Collection<String> columns, Consumer<ColumnRecords.DecodedGroup> each) {
        ParquetFileReader opened = open(file);
        if (opened == null) {
            return;
        }
        try (ParquetFileReader parquet = opened) {
            FileMetaData meta = parquet.getFooter().getFileMetaData();
            if (!ColumnRecords.reads(meta.getSchema())) {
                throw new IllegalStateException("lake file " + root.relativize(file) + " is not flat");
            }
            ColumnRecords.groups(parquet, ColumnRecords.projection(ColumnRecords.avroSchema(meta), columns),
                    group -> group, each);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lake file " + root.relativize(file), e);
        }
    }

    /**
     * The trading dates a file holds, mostly from its metadata (see {@link ColumnRecords#distinctInts}); an
     * unreadable file holds none, with one ERROR line as for {@link #read}.
     */
    Set<Integer> tradingDays(Path file) {
        ParquetFileReader opened = open(file);
        Set<Integer> days = new java.util.HashSet<>();
        if (opened == null) {
            return days;
        }
        try (ParquetFileReader parquet = opened) {
            ColumnRecords.distinctInts(parquet, LakeColumns.TRADING_DATE, days);
            return days;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lake file " + root.relativize(file), e);
        }
    }

    /** The file with its footer read, which tells an unreadable file at once; null when it is one. */
    private ParquetFileReader open(Path file) {
        try {
            return footer(file);
        } catch (RuntimeException e) {
            if (warnedAbout.add(file)) {
                LOG.error("Skipping unreadable lake file {}: {}", root.relativize(file), e.getMessage());
            }
            return null;
        }
    }

    /**
     * The records of a file {@link ColumnRecords} does not read, assembled by parquet-avro from the reader that
     * read the footer: Parquet's own record reader would read the
     * footer again, and offers no way to be given it.
     */
    private static void records(ParquetFileReader parquet, Schema projection, Consumer<GenericRecord> each)
            throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        if (projection != null) {
            conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, projection.toString());
        }
        FileMetaData meta = parquet.getFooter().getFileMetaData();
        Map<String, Set<String>> keyValues = new HashMap<>();
        meta.getKeyValueMetaData().forEach((key, value) -> keyValues.put(key, Set.of(value)));
        ReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
        ReadSupport.ReadContext context = support.init(new InitContext(conf, keyValues, meta.getSchema()));
        RecordMaterializer<GenericRecord> materializer = support.prepareForRead(conf, meta.getKeyValueMetaData(),
                meta.getSchema(), context);
        parquet.setRequestedSchema(context.getRequestedSchema());
        MessageColumnIO columns = new ColumnIOFactory(meta.getCreatedBy())
                .getColumnIO(context.getRequestedSchema(), meta.getSchema(), true);
        for (PageReadStore group = parquet.readNextRowGroup(); group != null; group = parquet.readNextRowGroup()) {
            RecordReader<GenericRecord> rows = columns.getRecordReader(group, materializer, FilterCompat.NOOP);
            for (long row = 0; row < group.getRowCount(); row++) {
                each.accept(rows.read());
            }
        }
    }

    /** The rows a Parquet file holds, from its footer. */
    static long rowCount(Path file) {
        try (ParquetFileReader reader = footer(file)) {
            return reader.getRecordCount();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static ParquetFileReader footer(Path file) {
        try {
            // plain options: the default ones make a Hadoop Configuration, which parses Hadoop's XML for every file
            return ParquetFileReader.open(new LocalInputFile(file),
                    ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
