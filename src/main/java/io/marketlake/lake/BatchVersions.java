package io.marketlake.lake;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which batch answers each trading date: the newest one holding it. Every batch stays on disk, so re-ingesting
 * a date replaces what readers see without deleting anything. A file is one batch, named by its id, so this
 * reads only each file's trading dates.
 */
final class BatchVersions {

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

    /** The trading dates in a file, from its metadata where it tells them (else reading that one column). */
    Set<LocalDate> datesOf(Path file) {
        Set<LocalDate> dates = new HashSet<>();
        reader.tradingDays(file).forEach(day -> dates.add(LocalDate.ofEpochDay(day)));
        return dates;
    }

    static String batchId(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - LakeLayout.DATA_SUFFIX.length());
    }
}
