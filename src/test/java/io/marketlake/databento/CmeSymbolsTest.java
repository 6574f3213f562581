package io.marketlake.databento;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class CmeSymbolsTest {

    @Test
    void parent_symbols_are_told_apart() {
        assertThat(CmeSymbols.classify("HEJ6")).isEqualTo(ContractType.OUTRIGHT);
        assertThat(CmeSymbols.classify("HOH5")).isEqualTo(ContractType.OUTRIGHT);
        assertThat(CmeSymbols.classify("HEJ6-HEK6")).isEqualTo(ContractType.SPREAD);
        assertThat(CmeSymbols.classify("HO:BF K5-M5-N5")).isEqualTo(ContractType.STRATEGY);
        assertThat(CmeSymbols.classify("UD:1I: VT 2544912")).isEqualTo(ContractType.STRATEGY);
        assertThat(CmeSymbols.classify("OHH5 C24000")).isEqualTo(ContractType.OPTION);
        assertThat(CmeSymbols.classify(null)).isEqualTo(ContractType.UNKNOWN);
    }

    @Test
    void single_year_digit_resolves_to_the_next_listed_year() {
        LocalDate tradingDate = LocalDate.of(2026, 2, 17);
        assertThat(CmeSymbols.contractMonth("HEJ6", tradingDate)).isEqualTo(YearMonth.of(2026, 4));
        assertThat(CmeSymbols.contractMonth("HEG7", tradingDate)).isEqualTo(YearMonth.of(2027, 2));
        assertThat(CmeSymbols.contractMonth("HEG6", tradingDate)).isEqualTo(YearMonth.of(2026, 2));
        assertThat(CmeSymbols.contractMonth("HEZ9", LocalDate.of(2029, 12, 1))).isEqualTo(YearMonth.of(2029, 12));
        assertThat(CmeSymbols.contractMonth("HEG0", LocalDate.of(2029, 12, 1))).isEqualTo(YearMonth.of(2030, 2));
    }
}
