package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Reading one lake file: a file that is not Parquet is skipped, one that breaks in its rows fails the read. */
class LakeFileReaderTest {

    @TempDir
    Path lake;

    private final Logger logger = (Logger) LoggerFactory.getLogger(LakeReader.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void listen() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(events);
    }

    @Test
    void every_record_of_a_readable_file_is_given() {
        Path file = oneFileOf(LakePartitionsTest.bar("2026-02-17"), LakePartitionsTest.bar("2026-02-18"));
        List<GenericRecord> given = new ArrayList<>();

        new LakeFileReader(lake).read(file, given::add);

        assertThat(given).extracting(record -> java.time.LocalDate.ofEpochDay(
                ((Number) record.get(LakeColumns.TRADING_DATE)).longValue())).map(Object::toString)
                .containsExactlyInAnyOrder("2026-02-17", "2026-02-18");
        assertThat(given).allSatisfy(record -> assertThat(record.get("close")).isEqualTo(90.5));
    }

    @Test
    void a_file_that_is_not_parquet_is_skipped_with_one_error_line_however_often_it_is_read() throws Exception {
        Path stray = Files.writeString(Files.createDirectories(lake.resolve("data_type=futures/market=HE/year=2026/"
                + "month=02")).resolve("20991231T000000000Z-ffffffff.parquet"), "not parquet at all");
        LakeFileReader reader = new LakeFileReader(lake);
        List<GenericRecord> given = new ArrayList<>();

        reader.read(stray, given::add);
        reader.read(stray, given::add);

        assertThat(given).isEmpty();
        assertThat(events.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("Skipping unreadable lake file " + lake.relativize(stray));
    }

    @Test
    void a_file_whose_footer_reads_but_whose_rows_do_not_fails_the_read() throws Exception {
        Path file = oneFileOf(LakePartitionsTest.bar("2026-02-17"));
        long rows = LakeReader.rowCount(file);
        // the first column chunk starts right after the 4-byte magic number; the footer, at the end, stays intact
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] garbage = new byte[64];
            Arrays.fill(garbage, (byte) 0xFF);
            channel.write(ByteBuffer.wrap(garbage), 4);
        }
        assertThat(LakeReader.rowCount(file)).isEqualTo(rows);

        assertThatThrownBy(() -> new LakeFileReader(lake).read(file, record -> { }))
                .isInstanceOf(RuntimeException.class);
        assertThat(events.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    }

    private Path oneFileOf(io.marketlake.databento.OhlcvBar... bars) {
        TestLake.writeBars(lake, "futures", "HE", List.of(bars));
        List<Path> files = new LakePartitions(lake).dataFiles("futures", "HE", new DateBounds(null, null));
        assertThat(files).hasSize(1);
        return files.get(0);
    }
}
