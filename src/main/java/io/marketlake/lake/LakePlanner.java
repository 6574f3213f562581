package io.marketlake.lake;

import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** The step a pipeline's route calls to turn its validated batch into lake files of one table. */
public final class LakePlanner<T> {

    private final LakeTable<T> table;
    private final LakeWriter writer;

    public LakePlanner(LakeTable<T> table, LakeWriter writer) {
        this.table = table;
        this.writer = writer;
    }

    public List<LakeFile> plan(@Body Batch<T> batch, @ExchangeProperty(IngestProperties.MARKET) String market,
            @ExchangeProperty(IngestProperties.BATCH_ID) String batchId) {
        return writer.plan(table, market, batch.records(), batchId);
    }
}
