package io.marketlake.options;

import io.marketlake.Markets;
import io.marketlake.features.FeatureValue;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.LandedFiles;
import io.marketlake.ingest.Landing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.ExchangeProperty;

/** The steps routes/options.yaml calls. */
public final class OptionsPipeline {

    private final Markets markets;
    private final OptionsSettings settings;
    private final ChainBuilder builder;
    private final ChainValidator validator;
    private final ChainFeatures features;

    public OptionsPipeline(Markets markets, OptionsSettings settings) {
        this.markets = markets;
        this.settings = settings;
        this.builder = new ChainBuilder(settings.riskFreeRate());
        this.validator = new ChainValidator();
        this.features = new ChainFeatures(settings.minOpenInterest(), settings.maxSpreadOfMid(),
                settings.minLiquidStrikes());
    }

    /** Where the downloads of one ingest are noted as they land; it becomes the ingest's payload. */
    public Landing landing() {
        return new Landing();
    }

    /** Notes a response the file producer has just written. */
    public void landed(@Header(Exchange.FILE_NAME_PRODUCED) String file,
            @ExchangeProperty(IngestProperties.PAYLOAD) Landing landing) {
        landing.add(Path.of(file));
    }

    /** The downloaded responses as the chain's three payloads. */
    public OptionsPayloads downloaded(@ExchangeProperty(IngestProperties.PAYLOAD) Landing landing) {
        return OptionsPayloads.fromFiles(landing.files().stream().map(Path::toString).toList());
    }

    /** Bundled responses under a classpath prefix. */
    public OptionsPayloads bundled(@Body String resourcePrefix) {
        return OptionsPayloads.fromResources(resourcePrefix.endsWith("/") ? resourcePrefix : resourcePrefix + "/");
    }

    /** Joins definitions, statistics and quotes into the chain as known at the snapshot. */
    public Batch<OptionRow> chain(@Body OptionsPayloads payloads, @ExchangeProperty(IngestProperties.MARKET) String market,
            @ExchangeProperty(IngestProperties.DATE) String date) {
        LocalDate tradingDate = LocalDate.parse(date);
        return builder.build(payloads, tradingDate, settings.snapshot(markets.get(market), tradingDate));
    }

    public Batch<OptionRow> validate(@Body Batch<OptionRow> chain) {
        return validator.validate(chain);
    }

    public List<FeatureValue> features(@Body Batch<OptionRow> chain,
            @ExchangeProperty(IngestProperties.MARKET) String market,
            @ExchangeProperty(IngestProperties.DATE) String date) {
        LocalDate tradingDate = LocalDate.parse(date);
        return features.features(market, settings.snapshot(markets.get(market), tradingDate), chain.records());
    }

    /** Removes the downloaded responses once the chain is stored; a failed ingest keeps them in dead/. */
    public void clean(@ExchangeProperty(IngestProperties.PAYLOAD) LandedFiles payload) {
        for (Path file : payload.files()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the downloaded response " + file, e);
            }
        }
    }
}
