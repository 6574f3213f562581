package io.marketlake.cot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.Duck;
import io.marketlake.RouteTestSupport;
import io.marketlake.features.FeaturePoint;
import io.marketlake.features.FeatureRow;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.IngestReport;
import io.marketlake.ingest.IngestReports;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** COT end to end: real routes, the CFTC's file layout served over loopback, DuckDB and SQLite read back. */
class CotPipelineTest extends RouteTestSupport {

    private static final LocalDate WINTER = LocalDate.of(2024, 1, 9);
    private static final LocalDate HOLIDAY = LocalDate.of(2024, 6, 18);
    private static final LocalDate SUMMER = LocalDate.of(2024, 7, 16);
    private static final CotSelection YEAR_2024 = CotSelection.between(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));

    @Test
    void a_weeks_features_are_invisible_a_second_before_release_and_visible_at_it() {
        cftc.yearly(2024, CftcFiles.zip("f_year.txt", CftcFiles.yearly(week(SUMMER, 3), week(HOLIDAY, 2), week(WINTER, 1))));

        assertThat(report(ingest(YEAR_2024, "2024-01-01")).rowsWritten()).isEqualTo(3);

        assertReleasedAt(WINTER, Instant.parse("2024-01-12T20:30:00Z"), 1);   // Friday 15:30 EST
        assertReleasedAt(SUMMER, Instant.parse("2024-07-19T19:30:00Z"), 3);   // Friday 15:30 EDT
        assertReleasedAt(HOLIDAY, Instant.parse("2024-06-24T19:30:00Z"), 2);  // Juneteenth week: Monday 15:30 EDT
    }

    @Test
    void a_revision_is_seen_from_when_it_was_observed_and_the_original_stays() {
        cftc.yearly(2024, CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WINTER))));
        ingest(CotSelection.weekOf(WINTER), WINTER.toString());
        Instant beforeRevision = Instant.now();
        // the CFTC corrects managed money long by 100 contracts (reportable up, non-reportable down)
        cftc.yearly(2024, CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WINTER, Map.of(
                "M_Money_Positions_Long_All", "85639", "Tot_Rept_Positions_Long_All", "246777",
                "NonRept_Positions_Long_All", "24537")))));

        assertThat(report(ingest(CotSelection.weekOf(WINTER), WINTER.toString())).rowsWritten()).isEqualTo(1);
        Instant afterRevision = Instant.now();

        Instant release = Instant.parse("2024-01-12T20:30:00Z");
        assertThat(value("cot_managed_money_net", release.plusSeconds(1))).contains(85539.0 - 11851);
        assertThat(value("cot_managed_money_net", beforeRevision)).contains(85539.0 - 11851);
        assertThat(value("cot_managed_money_net", afterRevision)).contains(85639.0 - 11851);
        List<FeatureRow> history = featureStore().history("HE", "cot_managed_money_net",
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-12-31T00:00:00Z"));
        assertThat(history).extracting(FeatureRow::value).containsExactly(85539.0 - 11851, 85639.0 - 11851);
        assertThat(history.get(0).availableAt()).isEqualTo(release);
        assertThat(history.get(1).availableAt()).isBetween(beforeRevision, afterRevision);
        assertThat(lakeReader().read("cot", "HE", null, null, true).rows()).hasSize(2);
        assertThat(lakeReader().read("cot", "HE", null, null, false).rows()).singleElement()
                .satisfies(r -> assertThat(r.get("managed_money_long")).isEqualTo(85639L));
    }

    @Test
    void running_the_same_ingest_twice_adds_no_rows_anywhere() {
        cftc.yearly(2024, CftcFiles.zip("f_year.txt", CftcFiles.yearly(week(SUMMER, 3), week(WINTER, 1))));
        ingest(YEAR_2024, "2024-01-01");
        long features = featureStore().countByMarket().get("HE");
        List<java.nio.file.Path> files = filesUnder("", "");

        IngestReport second = report(ingest(YEAR_2024, "2024-01-01"));

        assertThat(second.rowsWritten()).isZero();
        assertThat(second.featuresWritten()).isZero();
        assertThat(featureStore().countByMarket().get("HE")).isEqualTo(features);
        assertThat(filesUnder("", "")).isEqualTo(files);
        assertThat(Duck.query(lake(), "SELECT count(*) AS n FROM LAKE")).singleElement()
                .satisfies(row -> assertThat(row.get("n")).isEqualTo(2L));
    }

    @Test
    void the_schedule_reads_the_current_week_file_and_the_latest_weeks_of_the_yearly_file() {
        cftc.serve("/dea/newcot/f_disagg.txt", (CftcFiles.hogs(LocalDate.of(2026, 2, 17)) + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        cftc.yearly(2026, CftcFiles.zip("f_year.txt", CftcFiles.yearly(
                CftcFiles.hogs(LocalDate.of(2026, 2, 10)), CftcFiles.hogs(LocalDate.of(2026, 2, 3)),
                CftcFiles.hogs(LocalDate.of(2026, 1, 27)), CftcFiles.hogs(LocalDate.of(2026, 1, 20)))));

        Exchange exchange = template.send("direct:cot-ingest", e -> {
            e.setProperty(IngestProperties.MARKET, "HE");
            e.setProperty(IngestProperties.DATE, "2026-02-20");
            e.setProperty(IngestProperties.COT_SELECTION, CotSelection.latest(4, LocalDate.of(2026, 2, 20)));
        });

        assertThat(report(exchange).rowsWritten()).isEqualTo(4);
        assertThat(cftc.requested()).containsExactly("/dea/newcot/f_disagg.txt",
                "/files/dea/history/fut_disagg_txt_2026.zip");
        assertThat(lakeReader().tradingDates("cot", "HE", null, null)).containsExactly(LocalDate.of(2026, 1, 27),
                LocalDate.of(2026, 2, 3), LocalDate.of(2026, 2, 10), LocalDate.of(2026, 2, 17));
    }

    @Test
    void a_row_with_a_negative_position_is_quarantined_and_the_other_weeks_land() throws Exception {
        cftc.yearly(2024, CftcFiles.zip("f_year.txt", CftcFiles.yearly(
                CftcFiles.hogs(SUMMER, Map.of("Swap__Positions_Short_All", "-5133")), CftcFiles.hogs(WINTER))));

        IngestReport report = report(ingest(YEAR_2024, "2024-01-01"));

        assertThat(report.rowsWritten()).isEqualTo(1);
        assertThat(report.rowsRejected()).isEqualTo(1);
        var rejected = filesUnder("dead/cot/HE", "-rejected.jsonl");
        assertThat(rejected).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(read(rejected.get(0)).lines().findFirst().orElseThrow());
        assertThat(line.get("rule").asText()).isEqualTo("negative_position");
        assertThat(line.get("detail").asText()).contains("Swap__Positions_Short_All = -5133");
        assertThat(line.get("record").asText()).contains("2024-07-16,054642");
    }

    @Test
    void a_zip_with_an_entry_escaping_the_directory_is_dead_lettered_and_nothing_is_written() throws Exception {
        cftc.yearly(2024, CftcFiles.zip("../../f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WINTER))));

        assertDeadLettered(ingest(YEAR_2024, "2024-01-01"), "would escape the extraction directory");
    }

    @Test
    void a_truncated_zip_is_dead_lettered_and_nothing_is_written() throws Exception {
        byte[] zip = CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WINTER)).repeat(40));
        cftc.yearly(2024, Arrays.copyOf(zip, zip.length / 2));

        assertDeadLettered(ingest(YEAR_2024, "2024-01-01"), "truncated");
    }

    @Test
    void a_file_missing_a_column_is_dead_lettered_naming_it_and_nothing_is_written() throws Exception {
        String header = CftcFiles.HEADER.replace("\"NonRept_Positions_Long_All\",", "");
        cftc.yearly(2024, CftcFiles.zip("f_year.txt", header + "\r\n" + CftcFiles.hogs(WINTER) + "\r\n"));

        assertDeadLettered(ingest(YEAR_2024, "2024-01-01"), "required column NonRept_Positions_Long_All is missing");
    }

    @Test
    void asking_for_a_week_the_cftc_has_not_published_is_a_failure() throws Exception {
        cftc.yearly(2024, CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WINTER))));

        assertDeadLettered(ingest(CotSelection.weekOf(SUMMER), SUMMER.toString()), "no COT report for CFTC code 054642");
    }

    private void assertDeadLettered(Exchange exchange, String reason) throws Exception {
        assertThat(exchange.getProperty(IngestProperties.DEAD_LETTER)).isNotNull();
        var letters = filesUnder("dead/cot/HE", "-failed.json");
        assertThat(letters).hasSize(1);
        JsonNode letter = new ObjectMapper().readTree(read(letters.get(0)));
        assertThat(letter.get("reason").asText()).contains(reason);
        assertThat(letter.get("payload").asText()).isNotEmpty();
        assertThat(filesUnder("lake", ".parquet")).isEmpty();
        assertThat(featureStore().countByMarket()).isEmpty();
    }

    private void assertReleasedAt(LocalDate week, Instant release, int marker) {
        Instant asOf = week.atTime(17, 0).atZone(CotReleaseCalendar.NEW_YORK).toInstant();
        assertThat(point("cot_total_oi", release.minusSeconds(1)))
                .as("week %s a second before its release", week)
                .satisfiesAnyOf(p -> assertThat(p).isEmpty(), p -> assertThat(p.get().asOf()).isBefore(asOf));
        assertThat(point("cot_total_oi", release)).as("week %s at its release", week).hasValueSatisfying(p -> {
            assertThat(p.asOf()).isEqualTo(asOf);
            assertThat(p.availableAt()).isEqualTo(release);
            assertThat(p.value()).isEqualTo(271314.0 + marker * 1000);
        });
    }

    /** The real row moved to {@code reportDate}, open interest raised by marker × 1000 (totals kept consistent). */
    private static String week(LocalDate reportDate, int marker) {
        int delta = marker * 1000;
        return CftcFiles.hogs(reportDate, Map.of("Open_Interest_All", String.valueOf(271314 + delta),
                "NonRept_Positions_Long_All", String.valueOf(24637 + delta),
                "NonRept_Positions_Short_All", String.valueOf(32162 + delta)));
    }

    private Exchange ingest(CotSelection selection, String date) {
        return template.send("direct:cot-ingest", e -> {
            e.setProperty(IngestProperties.MARKET, "HE");
            e.setProperty(IngestProperties.DATE, date);
            e.setProperty(IngestProperties.COT_SELECTION, selection);
        });
    }

    private Optional<FeaturePoint> point(String feature, Instant time) {
        return featureStore().at("HE", time).stream().filter(p -> p.feature().equals(feature)).findFirst();
    }

    private Optional<Double> value(String feature, Instant time) {
        return point(feature, time).map(FeaturePoint::value);
    }

    /**
     * A scheduled run that first sees a week after its calendar release (the release was delayed, or the daemon
     * was down) makes it available from that moment: the calendar's instant would be lookahead.
     */
    @Test
    void a_week_first_seen_by_the_schedule_after_its_release_is_available_from_then() {
        byte[] zip = CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WINTER)));
        cftc.yearly(2023, CftcFiles.zip("f_year.txt", CftcFiles.yearly())).yearly(2024, zip).serve("/dea/newcot/f_disagg.txt", CftcFiles.yearly(CftcFiles.hogs(WINTER))
                .getBytes(StandardCharsets.UTF_8));
        Instant before = Instant.now();

        report(ingest(CotSelection.latest(4, LocalDate.of(2024, 1, 19)), "2024-01-19"));

        Instant release = Instant.parse("2024-01-12T20:30:00Z");
        assertThat(point("cot_total_oi", release.plusSeconds(3600))).isEmpty();
        assertThat(point("cot_total_oi", Instant.now())).hasValueSatisfying(p ->
                assertThat(p.availableAt()).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
    }

    /** A backfill of history keeps the calendar's release: the week was published then. */
    @Test
    void a_backfilled_week_keeps_its_calendar_release() {
        cftc.yearly(2024, CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WINTER))));

        report(ingest(YEAR_2024, "2024-01-01"));

        assertThat(point("cot_total_oi", Instant.parse("2024-01-12T20:30:00Z"))).hasValueSatisfying(p ->
                assertThat(p.availableAt()).isEqualTo(Instant.parse("2024-01-12T20:30:00Z")));
    }

    /**
     * A recent week stored by a command (not the schedule) is live too: its release may have been delayed in a
     * way the calendar does not know yet, so it is available from when it was stored, never from the calendar.
     */
    @Test
    void a_recent_week_stored_by_a_command_is_available_from_when_it_was_stored() {
        LocalDate week = LocalDate.now(CotReleaseCalendar.NEW_YORK).minusDays(7)
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.TUESDAY));
        byte[] zip = CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(week)));
        // the report week (Monday to Sunday) may straddle New Year: both yearly files are asked for then
        cftc.yearly(week.minusDays(1).getYear(), zip).yearly(week.plusDays(5).getYear(), zip);
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        report(ingest(CotSelection.weekOf(week), week.toString()));

        assertThat(point("cot_total_oi", before.minusMillis(1))).isEmpty();
        assertThat(point("cot_total_oi", Instant.now())).hasValueSatisfying(p ->
                assertThat(p.availableAt()).isAfterOrEqualTo(before));
    }
}
