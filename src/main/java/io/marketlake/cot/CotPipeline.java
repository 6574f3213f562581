package io.marketlake.cot;

import io.marketlake.Markets;
import io.marketlake.features.FeatureValue;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** The steps routes/cot.yaml calls, each a plain function of the batch and the ingest's properties. */
public final class CotPipeline {

    private final Markets markets;
    private final CotReader reader;
    private final CotValidator validator;
    private final CotVersions versions;
    private final CotFeatures features;
    private final Clock clock;

    public CotPipeline(Markets markets, CotReader reader, CotValidator validator, CotVersions versions,
            CotFeatures features, Clock clock) {
        this.clock = clock;
        this.markets = markets;
        this.reader = reader;
        this.validator = validator;
        this.versions = versions;
        this.features = features;
    }

    /** Parses the files by header name and keeps the rows of the market's CFTC contract market code. */
    public Batch<CotReport> read(@Body List<CotFile> files, @ExchangeProperty(IngestProperties.MARKET) String market) {
        return reader.read(files, markets.get(market).cftcCode());
    }

    /** Keeps the report weeks the ingest asked for. */
    public Batch<CotReport> select(@Body Batch<CotReport> batch,
            @ExchangeProperty(IngestProperties.COT_SELECTION) CotSelection selection) {
        CotSelection wanted = selection == null ? CotSelection.all() : selection;
        return new Batch<>(wanted.apply(batch.records()), batch.rejections());
    }

    public Batch<CotReport> validate(@Body Batch<CotReport> batch,
            @ExchangeProperty(IngestProperties.COT_SELECTION) CotSelection selection,
            @ExchangeProperty(IngestProperties.MARKET) String market) {
        return validator.validate(batch, selection == null ? CotSelection.all() : selection,
                markets.get(market).cftcCode());
    }

    public Batch<CotReport> onlyChanged(@Body Batch<CotReport> batch,
            @ExchangeProperty(IngestProperties.MARKET) String market) {
        return versions.onlyChanged(batch, market);
    }

    /** The schedule's runs are live; other ingests are live for recent weeks only (see CotFeatures). */
    public List<FeatureValue> features(@Body Batch<CotReport> batch,
            @ExchangeProperty(IngestProperties.MARKET) String market,
            @ExchangeProperty(IngestProperties.COT_SELECTION) CotSelection selection) {
        boolean schedule = selection != null && selection.kind() == CotSelection.Kind.LATEST;
        return features.features(market, batch.records(), clock.instant(), schedule);
    }
}
