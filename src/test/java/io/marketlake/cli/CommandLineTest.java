package io.marketlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.TestResources;
import io.marketlake.ingest.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line as a user types it, in process: stdout, stderr and exit codes. */
class CommandLineTest extends CliTestSupport {

    @Test
    void sample_mode_runs_without_key_or_network_and_prints_what_it_wrote() {
        assertThat(run("ingest", "--sample")).isZero();

        assertThat(out).contains("futures HE 2026-02-13: 16 rows in 1 lake file(s), 0 rejected")
                .contains("futures HE 2026-02-19: 13 rows");
        assertThat(out).contains("cot HE 2021-03-16: 11 rows in 3 lake file(s), 0 rejected, 77 new feature rows");
        assertThat(out).contains("options HE 2026-02-17: 24 rows in 1 lake file(s), 0 rejected, 12 new feature rows");
        assertThat(out.lines().map(String::strip)).contains("futures    4      56", "cot        3      11",
                "options    1      24", "HE      126");
        assertThat(databento.requests()).isEmpty();
        assertThat(out).doesNotContain("INFO").doesNotContain("Apache Camel");
    }

    @Test
    void lake_read_csv_prints_a_header_then_one_row_per_record_of_those_dates() {
        run("ingest", "--sample");

        assertThat(run("lake", "read", "--type", "futures", "--market", "HE", "--from", "2026-02-17", "--to",
                "2026-02-18", "--csv")).isZero();

        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("trading_date,ts_event,instrument_id,symbol,contract_type,rtype,"
                + "publisher_id,open,high,low,close,volume,batch_id,ingested_at");
        assertThat(lines).hasSize(1 + 13 + 14);
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("2026-02-17,2026-02-17T00:00:00Z,")
                || l.startsWith("2026-02-18,2026-02-18T00:00:00Z,"));
        assertThat(lines).anyMatch(l -> l.contains(",\"UD:1V: VT 0213 5512345\",strategy,") || l.contains(",HEJ6-HEK6,spread,"));
    }

    @Test
    void features_at_prints_json_with_snake_case_keys_and_utc_timestamps() throws Exception {
        run("ingest", "--sample");

        assertThat(run("features", "at", "--market", "HE", "--time", "2026-02-18T15:00:00Z", "--json")).isZero();

        JsonNode features = new ObjectMapper().readTree(out);
        // 10 futures features of 2026-02-17, 12 options features of that day's 13:00 CT snapshot, and the 7 COT
        // features of the 2021 sample, long stale by then
        assertThat(features).hasSize(29);
        assertThat(features).filteredOn(n -> n.get("feature").asText().startsWith("cot_"))
                .hasSize(7).allMatch(n -> n.get("status").asText().equals("stale"));
        JsonNode front = null;
        for (JsonNode node : features) {
            assertThat(node.fieldNames()).toIterable()
                    .containsExactly("feature", "value", "as_of", "available_at", "quality", "status");
            if (node.get("feature").asText().equals("futures.close.front")) {
                front = node;
            }
        }
        assertThat(front).isNotNull();
        assertThat(front.get("as_of").asText()).isEqualTo("2026-02-17T00:00:00Z");
        assertThat(front.get("available_at").asText()).isEqualTo("2026-02-18T00:00:00Z");
        assertThat(front.get("status").asText()).isEqualTo("ok");
    }

    @Test
    void features_history_lists_every_row_of_a_feature() throws Exception {
        run("ingest", "--sample");

        assertThat(run("features", "history", "--market", "HE", "--feature", "futures.close.front", "--from",
                "2026-02-13", "--to", "2026-02-18", "--json")).isZero();

        JsonNode rows = new ObjectMapper().readTree(out);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("as_of").asText()).isEqualTo("2026-02-13T00:00:00Z");
        assertThat(rows.get(0).has("recorded_at")).isTrue();
    }

    @Test
    void ingest_futures_exits_1_and_says_so_when_records_are_rejected() {
        databento.ok(TestResources.text("databento/HE.FUT-ohlcv-1d-2026-02-17-bad-records.csv"));

        assertThat(run("ingest", "futures", "--market", "HE", "--date", "2026-02-17")).isEqualTo(1);

        assertThat(out).contains("futures HE 2026-02-17: 3 rows in 1 lake file(s), 4 rejected");
        assertThat(home.resolve("dead/futures/HE/2026-02-17")).isDirectory();
    }

    @Test
    void ingest_futures_exits_1_when_the_vendor_refuses() {
        databento.error(403, "Forbidden", java.util.Map.of());

        assertThat(run("ingest", "futures", "--market", "HE", "--date", "2026-02-17")).isEqualTo(1);

        assertThat(out).contains("FAILED, dead-lettered: HTTP 403");
    }

    @Test
    void backfill_skips_dates_already_complete_unless_forced() {
        String payload = TestResources.text("samples/databento/HE.FUT-ohlcv-1d-2026-02-17-json_pretty.jsonl");
        String empty = "ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n";
        // Sat 14 has no session; Sun 15 and Mon 16 (holiday) come back empty; Tue 17 has bars
        databento.ok(empty).ok(empty).ok(payload);
        assertThat(run("backfill", "futures", "--market", "HE", "--from", "2026-02-14", "--to", "2026-02-17"))
                .isZero();
        assertThat(databento.requests()).extracting(r -> r.form().get("start"))
                .containsExactly("2026-02-15", "2026-02-16", "2026-02-17");
        assertThat(out).contains("3 dates ingested (13 rows, 0 rejected), 0 complete already, 0 failed");
        assertThat(err).contains("backfill futures HE 3/3 2026-02-17 13 rows, 0 rejected");

        // the empty days were asked long after they ended: they are complete too
        databento.reset();
        assertThat(run("backfill", "futures", "--market", "HE", "--from", "2026-02-14", "--to", "2026-02-17"))
                .isZero();
        assertThat(databento.requests()).isEmpty();
        assertThat(out).contains("3 complete already");

        databento.reset();
        databento.ok(payload);
        assertThat(run("backfill", "futures", "--market", "HE", "--from", "2026-02-17", "--to", "2026-02-17",
                "--force")).isZero();
        assertThat(databento.requests()).hasSize(1);
    }

    @Test
    void ingest_cot_takes_the_report_week_containing_the_date() throws Exception {
        cftc.yearly(2021, Samples.bundled().stream().filter(s -> s.source().equals("cot")).findFirst()
                .orElseThrow().payload());

        assertThat(run("ingest", "cot", "--market", "HE", "--date", "2021-03-18")).isZero();

        assertThat(out).contains("cot HE 2021-03-18: 1 rows in 1 lake file(s), 0 rejected, 7 new feature rows");
        assertThat(cftc.requested()).containsExactly("/files/dea/history/fut_disagg_txt_2021.zip");
        run("features", "at", "--market", "HE", "--time", "2021-03-19T19:30:00Z", "--json");
        assertThat(new ObjectMapper().readTree(out)).extracting(n -> n.get("feature").asText()).contains(
                "cot_managed_money_net", "cot_producer_net", "cot_swap_net", "cot_total_oi",
                "cot_managed_money_pct_oi", "cot_producer_pct_oi", "cot_swap_pct_oi");
    }

    @Test
    void backfill_cot_reads_the_yearly_files_of_the_range() {
        byte[] zip = Samples.bundled().stream().filter(s -> s.source().equals("cot")).findFirst()
                .orElseThrow().payload();
        cftc.yearly(2021, zip);

        assertThat(run("backfill", "cot", "--market", "HE", "--from", "2021-02-01", "--to", "2021-03-31")).isZero();
        assertThat(out).contains(": 7 rows in 2 lake file(s), 0 rejected");
        assertThat(run("backfill", "cot", "--market", "HE", "--from", "2021-02-01", "--to", "2021-03-31")).isZero();
        assertThat(out).contains(": 0 rows in 0 lake file(s), 0 rejected, 0 new feature rows");
        assertThat(run("ingest", "cot", "--market", "HE", "--date", "2021-06-01")).isEqualTo(1);
        assertThat(out).contains("FAILED, dead-lettered: CotMissingReportException: no COT report");
    }

    @Test
    void ingest_and_backfill_options_take_the_snapshot_of_each_weekday() {
        String prefix = "databento/options/csv/";
        databento.ok(TestResources.text(prefix + "definition.csv")).ok(TestResources.text(prefix + "statistics.csv"))
                .ok(TestResources.text(prefix + "mbp-1.csv"));

        assertThat(run("ingest", "options", "--market", "HE", "--date", "2026-02-17")).isEqualTo(1);
        assertThat(out).contains("options HE 2026-02-17: 24 rows in 1 lake file(s), 2 rejected");

        databento.reset();
        // Sat 14 and Sun 15 have no session, Tue 17 is in the lake: only Mon 16 is asked for (an empty day)
        String empty = "ts_recv,ts_event,rtype,publisher_id,instrument_id\n";
        databento.ok("ts_recv,ts_event,rtype,publisher_id,instrument_id,raw_symbol,instrument_class,strike_price,"
                + "expiration,underlying,underlying_id\n").ok(empty).ok(empty);
        assertThat(run("backfill", "options", "--market", "HE", "--from", "2026-02-14", "--to", "2026-02-17"))
                .isZero();
        assertThat(databento.requests()).extracting(r -> r.form().get("end"))
                .containsOnly("2026-02-16T19:00:00.000000001Z");
        assertThat(out).contains("1 dates ingested (0 rows, 0 rejected), 1 complete already, 0 failed");
    }

    @Test
    void trading_import_positions_rows_and_history_read_the_delta_tables() throws Exception {
        Path first = onePosition();
        Path second = Files.writeString(home.resolve("positions-b.csv"),
                "strategy_id,symbol,status,quantity,updated_at\ns1,HEJ6,closed,2,2026-02-18T15:00:00Z\n"
                        + "s2,HEM6,open,-1,2026-02-18T15:00:00Z\n");

        assertThat(run("trading", "import", first.toString())).isZero();
        assertThat(out).contains("positions: 1 rows, 0 rejected, committed versions [0]");
        assertThat(run("trading", "import", second.toString())).isZero();
        assertThat(run("trading", "import", second.toString())).isZero();
        assertThat(out).contains("committed versions [], 1 batch(es) committed before");

        assertThat(run("trading", "positions", "--open", "--json")).isZero();
        JsonNode open = new ObjectMapper().readTree(out);
        assertThat(open).singleElement().satisfies(p -> {
            assertThat(p.get("strategy_id").asText()).isEqualTo("s2");
            assertThat(p.get("updated_at").asText()).isEqualTo("2026-02-18T15:00:00Z");
        });
        assertThat(run("trading", "positions", "--version", "0", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out)).singleElement()
                .satisfies(p -> assertThat(p.get("status").asText()).isEqualTo("open"));
        assertThat(run("trading", "rows", "--table", "positions", "--symbol", "HEJ6", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out)).hasSize(2);
        assertThat(run("trading", "history", "--table", "positions", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out)).extracting(n -> n.get("operation").asText())
                .containsExactly("CREATE TABLE", "WRITE");
        assertThat(run("trading", "checkpoint")).isZero();
        assertThat(out).contains("positions: checkpoint at version 1").contains("legs: no table yet");
        assertThat(run("trading", "positions", "--version", "1", "--as-of", "2026-02-18T15:00:00Z")).isEqualTo(2);
    }

    @Test
    void an_unknown_market_is_a_usage_error() {
        assertThat(run("features", "at", "--market", "ZZ", "--time", "2026-02-18T15:00:00Z")).isEqualTo(2);
        assertThat(err).contains("unknown market 'ZZ'").contains("[HE]");
        assertThat(out).isEmpty();
    }

    @Test
    void a_missing_or_malformed_option_is_a_usage_error() {
        assertThat(run("ingest", "futures", "--market", "HE")).isEqualTo(2);
        assertThat(err).contains("--date");
        assertThat(run("features", "at", "--market", "HE", "--time", "yesterday")).isEqualTo(2);
        assertThat(run("ingest")).isEqualTo(2);
    }

    @Test
    void trading_as_of_a_time_after_the_last_commit_prints_the_latest_state() throws Exception {
        Path file = onePosition();
        assertThat(run("trading", "import", file.toString())).isZero();

        assertThat(run("trading", "positions", "--as-of", "2099-01-01T00:00:00Z", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out)).singleElement()
                .satisfies(p -> assertThat(p.get("strategy_id").asText()).isEqualTo("s1"));
        assertThat(run("trading", "rows", "--table", "positions", "--as-of", "2099-01-01T00:00:00Z", "--json"))
                .isZero();
        assertThat(new ObjectMapper().readTree(out)).hasSize(1);
    }

    @Test
    void trading_as_of_a_time_before_the_first_commit_is_a_one_line_usage_error() throws Exception {
        Path file = onePosition();
        assertThat(run("trading", "import", file.toString())).isZero();

        assertThat(run("trading", "rows", "--table", "positions", "--as-of", "2000-01-01T00:00:00Z")).isEqualTo(2);
        assertThat(err.lines()).singleElement().asString()
                .contains("2000-01-01T00:00:00Z").contains("first commit is at");
        assertThat(run("trading", "positions", "--as-of", "2000-01-01T00:00:00Z")).isEqualTo(2);
        assertThat(err.lines()).singleElement().asString().contains("2000-01-01T00:00:00Z");
    }

    @Test
    void trading_history_of_a_table_not_created_yet_and_rows_of_an_unknown_table_are_one_line_usage_errors() {
        assertThat(run("trading", "history", "--table", "legs")).isEqualTo(2);
        assertThat(err.lines()).singleElement().asString().contains("legs").contains("does not exist yet");
        assertThat(out).isEmpty();
        assertThat(run("trading", "rows", "--table", "orders")).isEqualTo(2);
        assertThat(err.lines()).singleElement().asString().contains("unknown trading table 'orders'");
        assertThat(out).isEmpty();
    }

    /** A trading file with one open position of s1 in HEJ6. */
    private Path onePosition() throws IOException {
        return Files.writeString(home.resolve("positions-a.jsonl"), "{\"strategy_id\":\"s1\",\"symbol\":\"HEJ6\","
                + "\"status\":\"open\",\"quantity\":2,\"updated_at\":\"2026-02-17T15:00:00Z\"}\n");
    }
}
