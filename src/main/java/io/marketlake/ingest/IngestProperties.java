package io.marketlake.ingest;

/**
 * Exchange properties an ingest carries from trigger to stores. Properties, not headers: camel-http would send
 * headers to the vendor.
 */
public final class IngestProperties {

    /** futures (futures_1h, futures_1m, futures_1s for intraday bars), options, cot. */
    public static final String SOURCE = "marketlakeSource";
    /** Market code, such as HE. */
    public static final String MARKET = "marketlakeMarket";
    /** The trading date asked for, ISO yyyy-mm-dd. */
    public static final String DATE = "marketlakeDate";
    /** Futures: the Databento bar schema asked for (ohlcv-1d when absent). */
    public static final String SCHEMA = "marketlakeSchema";
    /** The response exactly as received, kept for the dead-letter area. */
    public static final String PAYLOAD = "marketlakePayload";
    public static final String BATCH_ID = "marketlakeBatchId";
    /** Options: the instant the chain is taken at (exchange-local snapshot time of the trading date). */
    public static final String SNAPSHOT = "marketlakeSnapshot";
    /** Which COT report weeks to ingest (a CotSelection); all weeks of the files when absent. */
    public static final String COT_SELECTION = "marketlakeCotSelection";
    /** Set when the ingest failed: why, masked, as its dead letter says (set even when no letter could be written). */
    public static final String FAILURE_REASON = "marketlakeFailureReason";
    /** Set when the ingest was dead-lettered: the dead letter's file under dead/. */
    public static final String DEAD_LETTER = "marketlakeDeadLetter";

    private IngestProperties() {
    }
}
