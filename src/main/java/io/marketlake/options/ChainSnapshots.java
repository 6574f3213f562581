package io.marketlake.options;

import io.marketlake.Markets;
import io.marketlake.ingest.IngestProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.camel.ExchangeProperty;

/** The instant an options ingest takes its market's chain at: every later step reads the chain as known then. */
public final class ChainSnapshots {

    private final Markets markets;
    private final OptionsSettings settings;

    public ChainSnapshots(Markets markets, OptionsSettings settings) {
        this.markets = markets;
        this.settings = settings;
    }

    public Instant at(@ExchangeProperty(IngestProperties.MARKET) String market,
            @ExchangeProperty(IngestProperties.DATE) String date) {
        return settings.snapshot(markets.get(market), LocalDate.parse(date));
    }
}
