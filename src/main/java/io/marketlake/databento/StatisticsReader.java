package io.marketlake.databento;

import io.marketlake.ingest.Rejection;
import java.util.List;
import java.util.function.Consumer;

/** Streams a statistics payload as {@link Statistic}s, whose fields are read when asked for. */
public final class StatisticsReader {

    private StatisticsReader() {
    }

    public static void read(PayloadSource source, Consumer<Statistic> statistics, List<Rejection> rejections) {
        SchemaRecords.read(source, Statistic::new, statistics, rejections);
    }
}
