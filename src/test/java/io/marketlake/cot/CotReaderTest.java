package io.marketlake.cot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.Markets;
import io.marketlake.TestResources;
import io.marketlake.ingest.Batch;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CotReaderTest {

    private final CotReader reader = new CotReader(new Markets(List.of()));

    @Test
    void reads_the_real_yearly_file_by_header_name() {
        Batch<CotReport> batch = reader.read(List.of(new CotFile("f_year.txt",
                TestResources.text(CftcFiles.EXCERPT))), "054642");

        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.records()).hasSize(11);
        CotReport latest = batch.records().get(0);
        assertThat(latest.reportDate()).isEqualTo(LocalDate.of(2021, 3, 16));
        assertThat(latest.marketName()).isEqualTo("LEAN HOGS - CHICAGO MERCANTILE EXCHANGE");
        assertThat(latest.openInterest()).isEqualTo(271314);
        assertThat(latest.producerLong()).isEqualTo(15435);
        assertThat(latest.producerShort()).isEqualTo(147420);
        assertThat(latest.swapShort()).isEqualTo(5133);
        assertThat(latest.managedMoneyLong()).isEqualTo(85539);
        assertThat(latest.managedMoneyShort()).isEqualTo(11851);
        assertThat(latest.nonReportableShort()).isEqualTo(32162);
        assertThat(latest.raw()).startsWith("\"LEAN HOGS - CHICAGO MERCANTILE EXCHANGE\",210316,2021-03-16,054642,");
    }

    @Test
    void other_markets_rows_with_quoted_commas_do_not_disturb() {
        Batch<CotReport> milk = reader.read(List.of(new CotFile("f_year.txt",
                TestResources.text(CftcFiles.EXCERPT))), "052641");

        assertThat(milk.records()).singleElement()
                .satisfies(r -> assertThat(r.marketName()).startsWith("MILK, Class III"));
    }

    @Test
    void column_names_match_with_or_without_the_cftcs_doubled_underscores() {
        String header = CftcFiles.HEADER.replace("Swap__Positions_Short_All", "Swap_Positions_Short_All")
                .replace("M_Money_Positions_Long_All", "M_MONEY_POSITIONS_LONG_ALL");
        Batch<CotReport> batch = reader.read(List.of(new CotFile("x",
                header + "\r\n" + CftcFiles.HOGS_2021_03_16 + "\r\n")), "054642");

        assertThat(batch.records()).singleElement().satisfies(r -> {
            assertThat(r.swapShort()).isEqualTo(5133);
            assertThat(r.managedMoneyLong()).isEqualTo(85539);
        });
    }

    @Test
    void a_header_without_a_required_column_fails_the_file_naming_the_column() {
        String header = CftcFiles.HEADER.replace("\"M_Money_Positions_Short_All\"", "\"Something_Else\"");

        assertThatThrownBy(() -> reader.read(List.of(new CotFile("f_year.txt",
                header + "\r\n" + CftcFiles.HOGS_2021_03_16 + "\r\n")), "054642"))
                .isInstanceOf(CotFormatException.class)
                .hasMessageContaining("M_Money_Positions_Short_All").hasMessageContaining("f_year.txt");
    }

    @Test
    void a_file_without_header_is_read_with_the_published_layout() {
        Batch<CotReport> batch = reader.read(List.of(new CotFile("f_disagg.txt",
                CftcFiles.hogs(LocalDate.of(2026, 2, 17)) + "\r\n")), "054642");

        assertThat(batch.records()).singleElement().satisfies(r -> {
            assertThat(r.reportDate()).isEqualTo(LocalDate.of(2026, 2, 17));
            assertThat(r.openInterest()).isEqualTo(271314);
        });
    }

    @Test
    void the_first_file_wins_for_a_week_found_in_two() {
        LocalDate week = LocalDate.of(2026, 2, 17);
        Batch<CotReport> batch = reader.read(List.of(
                new CotFile("current", CftcFiles.hogs(week, Map.of("Open_Interest_All", "1")) + "\r\n"),
                new CotFile("yearly", CftcFiles.yearly(CftcFiles.hogs(week)))), "054642");

        assertThat(batch.records()).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo("current"));
    }

    @Test
    void a_missing_figure_rejects_that_row_only() {
        Batch<CotReport> batch = reader.read(List.of(new CotFile("f_year.txt", CftcFiles.yearly(
                CftcFiles.hogs(LocalDate.of(2026, 2, 10), Map.of("Open_Interest_All", ".")),
                CftcFiles.hogs(LocalDate.of(2026, 2, 17))))), "054642");

        assertThat(batch.records()).extracting(CotReport::reportDate).containsExactly(LocalDate.of(2026, 2, 17));
        assertThat(batch.rejections()).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("Open_Interest_All is missing"));
    }

    @Test
    void a_week_repeated_in_one_file_is_kept_once_and_the_repeat_quarantined() {
        LocalDate week = LocalDate.of(2024, 1, 9);
        String row = CftcFiles.hogs(week);
        Batch<CotReport> batch = reader.read(List.of(new CotFile("f_year.txt", CftcFiles.yearly(row, row))), "054642");

        assertThat(batch.records()).extracting(CotReport::reportDate).containsExactly(week);
        assertThat(batch.rejections()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo("duplicate_record");
            assertThat(r.record()).isEqualTo(row);
        });
    }

    @Test
    void two_different_rows_for_one_week_in_one_file_are_both_refused() {
        LocalDate week = LocalDate.of(2024, 1, 9);
        String revised = CftcFiles.hogs(week, Map.of("M_Money_Positions_Long_All", "85639",
                "Tot_Rept_Positions_Long_All", "246777", "NonRept_Positions_Long_All", "24537"));
        Batch<CotReport> batch = reader.read(List.of(new CotFile("f_year.txt",
                CftcFiles.yearly(CftcFiles.hogs(week), revised))), "054642");

        assertThat(batch.records()).isEmpty();
        assertThat(batch.rejections()).extracting(r -> r.rule()).containsExactly("conflicting_records",
                "conflicting_records");
    }

    @Test
    void the_current_week_file_wins_over_the_yearly_file_for_its_week() {
        LocalDate week = LocalDate.of(2024, 1, 9);
        String revised = CftcFiles.hogs(week, Map.of("M_Money_Positions_Long_All", "85639",
                "Tot_Rept_Positions_Long_All", "246777", "NonRept_Positions_Long_All", "24537"));
        Batch<CotReport> batch = reader.read(List.of(new CotFile("f_disagg.txt", CftcFiles.yearly(revised)),
                new CotFile("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(week)))), "054642");

        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.records()).singleElement().satisfies(r -> assertThat(r.managedMoneyLong()).isEqualTo(85639));
    }
}
