package io.marketlake.ingest;

import io.marketlake.Markets;
import io.marketlake.cot.CotSelection;
import io.marketlake.ingest.Backfill.DailySource;
import java.time.LocalDate;
import java.util.Map;

/**
 * One date of one source through its ingest route, as {@code marketlake ingest <source>} asks for it: the date is
 * taken as given (a weekend or a date complete already is fetched all the same), unlike a backfill's.
 */
public final class DateIngest {

    private final Ingestion ingestion;
    private final Markets markets;

    public DateIngest(Ingestion ingestion, Markets markets) {
        this.ingestion = ingestion;
        this.markets = markets;
    }

    public Ingestion.Outcome daily(DailySource source, String market, LocalDate date) {
        return ingest(source.endpoint(), market, date, source.properties());
    }

    /** The COT report of the week, Monday to Sunday, that contains {@code date}. */
    public Ingestion.Outcome cot(String market, LocalDate date) {
        return ingest("direct:cot-ingest", market, date,
                Map.of(IngestProperties.COT_SELECTION, CotSelection.weekOf(date)));
    }

    private Ingestion.Outcome ingest(String endpoint, String market, LocalDate date, Map<String, Object> properties) {
        markets.get(market);
        return ingestion.ingest(endpoint, market, date.toString(), null, properties);
    }
}
