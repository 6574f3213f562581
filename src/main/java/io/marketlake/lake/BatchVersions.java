package io.marketlake.lake;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * Which batch answers each trading date: the newest one holding it. Every batch stays on disk, so re-ingesting
 * a date replaces what readers see without deleting anything. A file is one batch, named by its id, so this
 * reads only each file's trading dates.
 */
final class BatchVersions {

    private static final Schema TRADING_DATE_ONLY = SchemaBuilder.record("TradingDate").fields()
            .name(LakeColumns.TRADING_DATE).type(LakeColumns.date()).noDefault().endRecord();

    private final LakeFileReader reader;

    BatchVersions(LakeFileReader reader) {
        this.reader = reader;
    }

    /** For each trading date the files hold, the newest batch holding it. */
    Map<LocalDate, String> newest(List<Path> files) {
        Map<LocalDate, String> newest = new HashMap<>();
        for (Path file : files) {
            String batch = batchId(file);
            for (LocalDate date : datesOf(file)) {
                newest.merge(date, batch, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return newest;
    }

    /** The trading dates in a file, reading that one column only. */
    Set<LocalDate> datesOf(Path file) {
        Set<LocalDate> dates = new HashSet<>();
        reader.read(file, TRADING_DATE_ONLY, record -> dates.add(LakeReader.tradingDate(record)));
        return dates;
    }

    private static String batchId(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - LakeLayout.DATA_SUFFIX.length());
    }
}
