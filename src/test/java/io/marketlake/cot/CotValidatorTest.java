package io.marketlake.cot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.Market;
import io.marketlake.Markets;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Rejection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CotValidatorTest {

    private static final LocalDate WEEK = LocalDate.of(2026, 2, 17);

    @Test
    void a_real_row_passes() {
        assertThat(CotValidator.check(read(CftcFiles.HOGS_2021_03_16))).isNull();
    }

    @Test
    void a_negative_position_is_rejected_naming_the_column() {
        Rejection rejection = CotValidator.check(read(CftcFiles.hogs(WEEK,
                Map.of("M_Money_Positions_Short_All", "-5"))));

        assertThat(rejection.rule()).isEqualTo("negative_position");
        assertThat(rejection.detail()).contains("M_Money_Positions_Short_All = -5").contains("2026-02-17");
    }

    @Test
    void totals_that_do_not_add_up_to_open_interest_are_rejected_with_the_figures() {
        Rejection rejection = CotValidator.check(read(CftcFiles.hogs(WEEK, Map.of("NonRept_Positions_Long_All", "24000"))));

        assertThat(rejection.rule()).isEqualTo("long_total_mismatch");
        assertThat(rejection.detail()).contains("reportable long 246677 + non-reportable long 24000 = 270677")
                .contains("open interest 271314");
    }

    @Test
    void asking_for_a_week_that_is_not_there_fails_the_ingest() {
        assertThatThrownBy(() -> new CotValidator(new Markets(List.of(HOGS))).validate(new Batch<>(List.of(), List.of()),
                CotSelection.weekOf(WEEK), "HE"))
                .isInstanceOf(CotMissingReportException.class).hasMessageContaining("054642")
                .hasMessageContaining("2026-02-16..2026-02-22");
    }

    private static final Market HOGS = new Market("HE", "Lean Hogs", "CME", "HE", "054642", 400,
            ZoneId.of("America/Chicago"));

    private static CotReport read(String row) {
        return new CotReader(new Markets(List.of())).read(List.of(new CotFile("t", CftcFiles.yearly(row))), "054642").records().get(0);
    }
}
