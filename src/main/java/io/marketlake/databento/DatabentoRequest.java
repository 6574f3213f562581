package io.marketlake.databento;

import io.marketlake.ConfigurationException;
import io.marketlake.Market;
import io.marketlake.Markets;
import io.marketlake.futures.BarSchema;
import io.marketlake.ingest.IngestProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import io.marketlake.options.OptionsSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Builds the form body of {@code POST /v0/timeseries.get_range}. Every field is sent explicitly, encoding included
 * (the server's default is csv and could change). DBN (the default) comes zstd-compressed, its symbols in its
 * metadata's mappings; CSV and JSON come uncompressed with symbols mapped (map_symbols), so spreads and strategies
 * can be told apart in either. Databento applies pretty_px, pretty_ts and map_symbols to CSV and JSON only, so a DBN
 * request leaves them out; the readers take whatever arrives (see {@link PayloadEncoding}).
 */
public final class DatabentoRequest {

    /** The setting naming the encoding asked for. */
    public static final String ENCODING_KEY = "marketlake.databento.encoding";
    static final List<String> ENCODINGS = List.of("dbn", "csv", "json");

    private final DatabentoAuth auth;
    private final Markets markets;
    private final String dataset;
    private final String encoding;
    private final OptionsSettings options;

    public DatabentoRequest(DatabentoAuth auth, Markets markets, String dataset, String encoding,
            OptionsSettings options) {
        this.auth = auth;
        this.markets = markets;
        this.dataset = dataset;
        this.encoding = encoding(encoding);
        this.options = options;
    }

    /** The encoding asked for: one of {@link #ENCODINGS}, else a configuration error naming the key. */
    static String encoding(String configured) {
        String value = configured == null ? "" : configured.trim().toLowerCase(java.util.Locale.ROOT);
        if (!ENCODINGS.contains(value)) {
            throw new ConfigurationException(ENCODING_KEY + " must be one of " + String.join(", ", ENCODINGS)
                    + ", not '" + configured + "'");
        }
        return value;
    }

    /** One request of several: which schema it asks for and its form body. */
    public record Download(String schema, String form) {
    }

    /**
     * Bars of the schema asked for (daily when none) of every instrument of the market's futures parent for one UTC
     * day: [date, date + 1), one request per day whatever the bar length.
     */
    public String ohlcv(@ExchangeProperty(IngestProperties.MARKET) String marketCode,
            @ExchangeProperty(IngestProperties.DATE) String tradingDate,
            @ExchangeProperty(IngestProperties.SCHEMA) String schema, Exchange exchange) {
        auth.requireKey();
        Market market = markets.get(marketCode);
        LocalDate date = LocalDate.parse(tradingDate);
        post(exchange);
        return form(market.futuresParent(), BarSchema.of(schema).schema(), date.toString(),
                date.plusDays(1).toString());
    }

    /**
     * The three responses of a chain snapshot, each for the options and the futures parents (futures are the
     * underlyings): definitions of the day up to the snapshot, statistics published in the lookback before it
     * (open interest and settlement as known then), and top-of-book updates in the quote lookback before it.
     * The end is exclusive, so it is the snapshot plus one nanosecond.
     */
    public List<Download> optionsChain(@ExchangeProperty(IngestProperties.MARKET) String marketCode,
            @ExchangeProperty(IngestProperties.DATE) String tradingDate, Exchange exchange) {
        auth.requireKey();
        Market market = markets.get(marketCode);
        LocalDate date = LocalDate.parse(tradingDate);
        Instant snapshot = options.snapshot(market, date);
        String end = snapshot.plusNanos(1).toString();
        String symbols = market.optionsParent() + "," + market.futuresParent();
        post(exchange);
        return List.of(
                new Download("definition", form(symbols, "definition", date.toString(), end)),
                new Download("statistics", form(symbols, "statistics",
                        snapshot.minus(options.statisticsLookback()).toString(), end)),
                new Download(options.quoteSchema(), form(symbols, options.quoteSchema(),
                        snapshot.minus(options.quoteLookback()).toString(), end)));
    }

    private String form(String symbols, String schema, String start, String end) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("dataset", dataset);
        form.put("symbols", symbols);
        form.put("stype_in", "parent");
        form.put("stype_out", "instrument_id");
        form.put("schema", schema);
        form.put("start", start);
        form.put("end", end);
        form.put("encoding", encoding);
        if (encoding.equals("dbn")) {
            // DBN is binary and compresses about tenfold; its symbols are in the metadata, not a field per record
            form.put("compression", "zstd");
        } else {
            form.put("compression", "none");
            form.put("map_symbols", "true");
        }
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static void post(Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
}
