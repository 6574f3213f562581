package io.marketlake.cot;

import java.time.LocalDate;

/**
 * One market's row of the CFTC disaggregated futures-only report for one report date (positions in contracts,
 * all months combined). {@code raw} is the line as published, kept for the dead-letter area; {@code source}
 * names the file it came from.
 */
public record CotReport(
        String cftcCode,
        String marketName,
        LocalDate reportDate,
        long openInterest,
        long producerLong,
        long producerShort,
        long swapLong,
        long swapShort,
        long swapSpread,
        long managedMoneyLong,
        long managedMoneyShort,
        long managedMoneySpread,
        long otherLong,
        long otherShort,
        long otherSpread,
        long reportableLong,
        long reportableShort,
        long nonReportableLong,
        long nonReportableShort,
        String source,
        String raw) {

    public long producerNet() {
        return producerLong - producerShort;
    }

    public long swapNet() {
        return swapLong - swapShort;
    }

    public long managedMoneyNet() {
        return managedMoneyLong - managedMoneyShort;
    }

    /** Same published figures, whichever file or line they came from. */
    public boolean sameFigures(CotReport other) {
        return java.util.Arrays.equals(figures(), other.figures());
    }

    /** The published figures in {@link CotFigure} order. */
    public long[] figures() {
        return CotFigure.of(this, CotFigure.ALL);
    }

    public String describe() {
        return "CFTC " + cftcCode + " report of " + reportDate;
    }
}
