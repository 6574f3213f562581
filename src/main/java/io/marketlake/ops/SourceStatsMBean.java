package io.marketlake.ops;

/** Figures of one source and market, as JMX shows them under {@code marketlake:type=Pipeline,...}. */
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
}
