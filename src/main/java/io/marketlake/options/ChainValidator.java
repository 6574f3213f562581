package io.marketlake.options;

import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Rejection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.camel.Body;

/**
 * SPEC §5 rules for a chain: strike above zero, no negative bid, expiry after the data date. A crossed quote
 * (ask below bid) is not rejected: the row keeps its flag in the lake and its quote stays out of the features.
 */
public final class ChainValidator {

    public Batch<OptionRow> validate(@Body Batch<OptionRow> batch) {
        return batch.validate(ChainValidator::check);
    }

    static Rejection check(OptionRow row) {
        if (row.strike() == null || row.strike() <= 0) {
            return new Rejection(row.raw(), "non_positive_strike", row.describe() + ": strike " + row.strike() + " <= 0");
        }
        if (row.bid() != null && row.bid() < 0) {
            return new Rejection(row.raw(), "negative_bid", row.describe() + ": bid " + row.bid() + " < 0");
        }
        if (row.expiration() == null
                || !LocalDate.ofInstant(row.expiration(), ZoneOffset.UTC).isAfter(row.tradingDate())) {
            return new Rejection(row.raw(), "expired", row.describe() + ": expiry " + row.expiration()
                    + " is not after the data date " + row.tradingDate());
        }
        return null;
    }
}
