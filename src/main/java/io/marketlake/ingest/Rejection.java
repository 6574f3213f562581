package io.marketlake.ingest;

/**
 * A record that did not pass: the original text as received, the rule it broke and what was wrong.
 *
 * @param record the original payload of the record (a CSV line or a JSON line), never reformatted
 * @param rule   a stable rule name, such as {@code high_below_low}
 * @param detail a sentence naming the record and the figures that broke the rule
 */
public record Rejection(String record, String rule, String detail) {
}
