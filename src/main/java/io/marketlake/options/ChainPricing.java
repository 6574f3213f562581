package io.marketlake.options;

import io.marketlake.ingest.Batch;
import java.util.List;
import java.util.TreeSet;
import org.apache.camel.Body;

/**
 * The options pipeline's pricing step: the Black-76 implied volatility of each option's mid, where the row has
 * a mid, an underlying price, a strike and a time to expiry; flagged no_iv where those do not give one.
 */
public final class ChainPricing {

    private final double riskFreeRate;

    public ChainPricing(double riskFreeRate) {
        this.riskFreeRate = riskFreeRate;
    }

    public Batch<OptionRow> price(@Body Batch<OptionRow> chain) {
        List<OptionRow> priced = chain.records().stream().map(this::price).toList();
        return new Batch<>(priced, chain.rejections());
    }

    private OptionRow price(OptionRow row) {
        Double mid = row.mid();
        if (mid == null || row.underlyingPrice() == null || row.yearsToExpiry() == null || row.strike() == null) {
            return row;
        }
        Double impliedVol = Black76.impliedVol(row.call(), mid, row.underlyingPrice(), row.strike(),
                row.yearsToExpiry(), riskFreeRate);
        TreeSet<String> flags = new TreeSet<>(row.flags());
        if (impliedVol == null) {
            flags.add("no_iv");
        }
        return row.priced(impliedVol, flags);
    }
}
