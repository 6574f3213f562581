package io.marketlake.databento;

/**
 * A record's text for the dead-letter area: the line as received for CSV and JSON, or the line Databento's raw CSV
 * would give for a binary (DBN) record. Binary records make it only when asked for, which is when a record is
 * rejected: formatting millions of quotes that pass would cost more than decoding them.
 */
@FunctionalInterface
public interface RecordText {

    String text();

    /** Text already at hand. */
    static RecordText of(String text) {
        return new Given(text);
    }

    /** Text already at hand; two are equal when their text is. */
    record Given(String text) implements RecordText {
    }
}
