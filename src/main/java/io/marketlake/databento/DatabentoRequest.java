package io.marketlake.databento;

import io.marketlake.Market;
import io.marketlake.Markets;
import io.marketlake.ingest.IngestProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Builds the form body of {@code POST /v0/timeseries.get_range}. Every field is sent explicitly, encoding included
 * (the server's default could change), with symbols mapped so spreads and strategies can be told apart.
 */
public final class DatabentoRequest {

    private final DatabentoAuth auth;
    private final Markets markets;
    private final String dataset;
    private final String encoding;

    public DatabentoRequest(DatabentoAuth auth, Markets markets, String dataset, String encoding) {
        this.auth = auth;
        this.markets = markets;
        this.dataset = dataset;
        this.encoding = encoding;
    }

    /** Daily bars of every instrument of the market's futures parent for one UTC day: [date, date + 1). */
    public String ohlcvDaily(@ExchangeProperty(IngestProperties.MARKET) String marketCode,
            @ExchangeProperty(IngestProperties.DATE) String tradingDate, Exchange exchange) {
        auth.requireKey();
        Market market = markets.get(marketCode);
        LocalDate date = LocalDate.parse(tradingDate);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("dataset", dataset);
        form.put("symbols", market.futuresParent());
        form.put("stype_in", "parent");
        form.put("stype_out", "instrument_id");
        form.put("schema", "ohlcv-1d");
        form.put("start", date.toString());
        form.put("end", date.plusDays(1).toString());
        form.put("encoding", encoding);
        form.put("compression", "none");
        form.put("map_symbols", "true");
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
