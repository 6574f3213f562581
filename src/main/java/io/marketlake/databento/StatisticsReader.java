package io.marketlake.databento;

import io.marketlake.ingest.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/** Streams a statistics payload as {@link Statistic}s, whose fields are read when asked for. */
public final class StatisticsReader {

    private StatisticsReader() {
    }

    public static void read(PayloadSource source, Consumer<Statistic> statistics, List<Rejection> rejections) {
        SchemaRecords.read(source, Statistic.FromText::new, statistics, rejections);
    }

    /**
     * Streams a DBN response's statistics (zstd-compressed or not; v1 and v2 records upgraded to v3's i64 quantity)
     * to {@code statistics}. The payload stays the caller's to close.
     *
     * @param where prefixes each rejection's place ("" or a file name and a space)
     * @return the response's metadata
     * @throws MalformedPayloadException when the payload is no DBN response of statistics
     */
    public static DbnMetadata readDbn(InputStream payload, String where, Consumer<Statistic> statistics,
            List<Rejection> rejections) throws IOException {
        return DbnRecords.read(payload, where, new DbnRecords.Statistics(), statistics, rejections);
    }

    /** Streams a DBN response's statistics; rejections name the source. */
    public static void readDbn(PayloadSource source, Consumer<Statistic> statistics, List<Rejection> rejections) {
        DbnRecords.read(source, new DbnRecords.Statistics(), statistics, rejections);
    }

    /** Streams a response's statistics in whichever encoding it arrived (see {@link PayloadEncoding}). */
    public static void readAny(PayloadSource source, Consumer<Statistic> statistics, List<Rejection> rejections) {
        DbnRecords.readAny(source, new DbnRecords.Statistics(), Statistic.FromText::new, statistics, rejections);
    }
}
