package io.marketlake;

import java.time.ZoneId;

/**
 * A market as configured: its code ({@code HE}), the Databento parent root ({@code HE} for {@code HE.FUT}),
 * its CFTC contract market code and the exchange's time zone.
 */
public record Market(String code, String name, String exchange, String databentoRoot, String cftcCode,
        double contractMultiplier, ZoneId timeZone) {

    public String futuresParent() {
        return databentoRoot + ".FUT";
    }

    public String optionsParent() {
        return databentoRoot + ".OPT";
    }
}
