package io.marketlake.lake;

import io.marketlake.databento.OhlcvBar;
import io.marketlake.futures.FuturesLakeTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Writes bars into a lake directly, in the layout and schema the ingest routes write, for tests and benchmarks
 * that need more data than a loopback ingest would sensibly carry.
 */
public final class TestLake {

    private TestLake() {
    }

    /** One batch of bars of {@code dataType}, as the futures table stores them. */
    public static void writeBars(Path lakeRoot, String dataType, String market, List<OhlcvBar> bars) {
        LakeTable<OhlcvBar> futures = new FuturesLakeTable();
        LakeTable<OhlcvBar> table = new LakeTable<>(dataType, futures.schema().getName(), futures.columns()) {
            @Override
            public LocalDate tradingDate(OhlcvBar row) {
                return futures.tradingDate(row);
            }

            @Override
            public Comparator<OhlcvBar> order() {
                return futures.order();
            }
        };
        LakeWriter writer = new LakeWriter(Clock.systemUTC());
        new LakeFiles(lakeRoot, "ZSTD").write(writer.plan(table, market, bars, writer.newBatchId()));
    }
}
