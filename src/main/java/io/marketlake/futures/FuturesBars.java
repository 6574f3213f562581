package io.marketlake.futures;

import io.marketlake.databento.OhlcvBar;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.lake.LakeFile;
import io.marketlake.lake.LakePlanner;
import io.marketlake.lake.LakeWriter;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The futures pipeline's steps that depend on the bar schema asked for: which feed an ingest is (its name in
 * reports, dead letters and the ledger), whether its response is streamed to a landing file (intraday bars: a day
 * of them can be millions of rows) or held in memory (daily bars), and which lake table its bars go to.
 */
public final class FuturesBars {

    private final LakeWriter writer;
    private final Map<BarSchema, FuturesLakeTable> tables = new EnumMap<>(BarSchema.class);
    private final Map<BarSchema, LakePlanner<OhlcvBar>> planners = new EnumMap<>(BarSchema.class);

    public FuturesBars(LakeWriter writer) {
        this.writer = writer;
        for (BarSchema bars : BarSchema.values()) {
            tables.put(bars, new FuturesLakeTable(bars));
            planners.put(bars, new LakePlanner<>(tables.get(bars), writer));
        }
    }

    /** The feed's name: futures for daily bars, else the schema's lake data type (futures_1m, ...). */
    public String source(@ExchangeProperty(IngestProperties.SCHEMA) String schema) {
        return BarSchema.of(schema).dataType();
    }

    /** Whether the response streams to a landing file and is checked there (LandedBars). */
    public boolean streamed(@ExchangeProperty(IngestProperties.SCHEMA) String schema) {
        return !BarSchema.of(schema).isDaily();
    }

    /** The batch's lake files: from the records in memory, or streamed again from the landed response. */
    public List<LakeFile> plan(@Body Batch<OhlcvBar> batch, @ExchangeProperty(IngestProperties.MARKET) String market,
            @ExchangeProperty(IngestProperties.DATE) String date,
            @ExchangeProperty(IngestProperties.BATCH_ID) String batchId,
            @ExchangeProperty(IngestProperties.SCHEMA) String schema,
            @ExchangeProperty(LandedBars.PROPERTY) LandedBars.Checked landed) {
        BarSchema bars = BarSchema.of(schema);
        if (landed == null) {
            return planners.get(bars).plan(batch, market, batchId);
        }
        return writer.planStreamed(tables.get(bars), market, LocalDate.parse(date), batchId, landed.passed(),
                landed::forEachPassed);
    }
}
