package io.marketlake.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
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

    /** Gives each record of the file, only the projection's columns when one is given; false when skipped. */
    boolean read(Path file, Schema projection, Consumer<GenericRecord> each) {
        ParquetReader<GenericRecord> opened = open(file, projection);
        if (opened == null) {
            return false;
        }
        try (ParquetReader<GenericRecord> reader = opened) {
            GenericRecord record;
            while ((record = reader.read()) != null) {
                each.accept(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lake file " + root.relativize(file), e);
        }
        return true;
    }

    private ParquetReader<GenericRecord> open(Path file, Schema projection) {
        try {
            // the footer is read lazily by the record reader: reading it here tells an unreadable file at once
            rowCount(file);
            return reader(file, projection);
        } catch (IOException | RuntimeException e) {
            if (warnedAbout.add(file)) {
                LOG.error("Skipping unreadable lake file {}: {}", root.relativize(file), e.getMessage());
            }
            return null;
        }
    }

    private static ParquetReader<GenericRecord> reader(Path file, Schema projection) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        if (projection != null) {
            conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, projection.toString());
        }
        return AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), conf)
                .withDataModel(GenericData.get())
                .build();
    }

    /** The rows a Parquet file holds, from its footer. */
    static long rowCount(Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRecordCount();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
