package io.marketlake.ops;

/**
 * Figures of one source and market, as JMX shows them beside Camel's own MBeans:
 * {@code org.apache.camel:context=<context>,type=marketlake,source=<source>,market=<market>}.
 */
public interface SourceStatsMBean {

    String getSource();

    String getMarket();

    /** ISO-8601 UTC instant of the last ingest that finished, empty when none yet. */
    String getLastSuccess();

    /** Seconds since the last ingest that finished, -1 when none yet. */
    long getSecondsSinceLastSuccess();

    long getRowsWritten();

    long getRowsRejected();

    long getDeadLetters();

    /** ISO-8601 UTC instant of the last dead letter, empty when none. */
    String getLastFailure();

    String getLastFailureReason();

    /** From the stores: fresh, stale or failed (Freshness); empty when the source is not watched. */
    String getFreshness();

    /** From the stores: what makes the state, with the figures. */
    String getFreshnessDetail();

    /** From the stores: the newest trading date complete, empty when none. */
    String getNewestTradingDate();

    /** From the stores: seconds since the newest complete trading date ended, -1 when none. */
    long getFreshnessAgeSeconds();
}
