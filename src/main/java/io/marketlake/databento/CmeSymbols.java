package io.marketlake.databento;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CME Globex symbols as Databento maps them: outrights {@code HEJ6}, calendar spreads {@code HEJ6-HEK6},
 * exchange strategies {@code HE:BF J6-K6-M6}, user-defined strategies {@code UD:1V: VT 2544912} and options
 * {@code OHH5 C24000}. Parent symbology returns all of these for {@code HE.FUT}.
 */
public final class CmeSymbols {

    private static final Pattern OUTRIGHT = Pattern.compile("([A-Z0-9]{1,4}?)([FGHJKMNQUVXZ])(\\d{1,2})");
    private static final Pattern OPTION = Pattern.compile("\\S+ [CP]\\d+");
    private static final String MONTH_CODES = "FGHJKMNQUVXZ";

    private CmeSymbols() {
    }

    public static ContractType classify(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            return ContractType.UNKNOWN;
        }
        if (OUTRIGHT.matcher(symbol).matches()) {
            return ContractType.OUTRIGHT;
        }
        if (OPTION.matcher(symbol).matches()) {
            return ContractType.OPTION;
        }
        int dash = symbol.indexOf('-');
        if (dash > 0 && symbol.indexOf(':') < 0 && symbol.indexOf(' ') < 0) {
            String near = symbol.substring(0, dash);
            String far = symbol.substring(dash + 1);
            if (OUTRIGHT.matcher(near).matches() && OUTRIGHT.matcher(far).matches()) {
                return ContractType.SPREAD;
            }
        }
        return ContractType.STRATEGY;
    }

    /**
     * The delivery month of an outright traded on {@code tradingDate}. CME symbols carry one year digit, so the
     * year is the first one on or after the trading date's year with that last digit (contracts are listed a few
     * years out at most, and an expired contract does not trade).
     */
    public static YearMonth contractMonth(String outright, LocalDate tradingDate) {
        Matcher matcher = OUTRIGHT.matcher(outright);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an outright futures symbol: " + outright);
        }
        int month = MONTH_CODES.indexOf(matcher.group(2).charAt(0)) + 1;
        String digits = matcher.group(3);
        int modulus = digits.length() == 1 ? 10 : 100;
        int wanted = Integer.parseInt(digits);
        int year = tradingDate.getYear() - 1;
        while (Math.floorMod(year, modulus) != wanted) {
            year++;
        }
        YearMonth candidate = YearMonth.of(year, month);
        if (candidate.isBefore(YearMonth.from(tradingDate))) {
            candidate = candidate.plusYears(modulus);
        }
        return candidate;
    }
}
