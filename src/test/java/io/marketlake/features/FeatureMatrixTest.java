package io.marketlake.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.ConfigurationException;
import io.marketlake.MutableClock;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature matrix answers each row as {@code features at} answers its time, whatever the order of the times,
 * written as CSV or as Parquet that DuckDB reads typed.
 */
class FeatureMatrixTest {

    private static final Instant MON = Instant.parse("2026-02-16T00:00:00Z");
    private static final Instant TUE = Instant.parse("2026-02-17T00:00:00Z");
    private static final Instant WED = Instant.parse("2026-02-18T00:00:00Z");
    private static final Instant REVISED = Instant.parse("2026-02-18T09:30:00Z");

    @TempDir
    Path dir;

    private FeatureStore store;
    private List<Instant> times;

    @BeforeEach
    void storeWithRevisionsStaleValuesAndEdgeTimes() {
        MutableClock clock = new MutableClock(Instant.parse("2026-02-17T18:00:00Z"));
        store = new FeatureStore(FeatureDataSources.create("jdbc:sqlite:" + dir.resolve("features.db")), clock,
                new Staleness(Map.of("futures", "1td", "cot", "P7D")));
        store.createSchema();
        Instant fri = MON.minus(Duration.ofDays(3));
        store.append(List.of(
                value("futures.close.HEJ6", fri, MON, 89.0),
                value("futures.close.HEJ6", MON, TUE, 90.0),
                value("futures.close.HEJ6", TUE, WED, 91.5),
                value("futures.close.HEK6", TUE, WED.plusNanos(900_000), 95.0),
                value("cot_managed_money_net", fri.minus(Duration.ofDays(3)), fri, 12_000.0)));
        clock.set(REVISED);
        store.append(List.of(value("futures.close.HEJ6", TUE, WED, 91.75)));
        times = new ArrayList<>(List.of(MON.minus(Duration.ofDays(10)), MON.minusMillis(1), MON, TUE,
                WED.minusNanos(1), WED, WED.plusNanos(900_000), WED.plusMillis(1), REVISED.minusMillis(1), REVISED,
                Instant.parse("2026-02-21T12:00:00Z"), Instant.parse("2026-03-02T00:00:00Z")));
        for (int i = 0; i < 200; i++) {
            times.add(MON.plusSeconds(i * 3_617L));
        }
    }

    @Test
    void each_row_holds_what_features_at_answers_at_its_time() throws Exception {
        Path out = dir.resolve("matrix.csv");

        FeatureMatrix.Result result = join(timesCsv(times), out, false, false, null);

        assertThat(result.inOrder()).isFalse();
        assertMatchesLookups(readCsv(out), times, false);
    }

    @Test
    void times_in_order_stream_and_give_the_same_answers() throws Exception {
        List<Instant> sorted = times.stream().sorted().toList();
        Path out = dir.resolve("matrix.csv");

        FeatureMatrix.Result result = join(timesCsv(sorted), out, false, false, null);

        assertThat(result.inOrder()).isTrue();
        assertMatchesLookups(readCsv(out), sorted, false);
    }

    @Test
    void stale_values_are_kept_when_asked_for() throws Exception {
        Path out = dir.resolve("matrix.csv");

        join(timesCsv(times), out, false, true, null);

        assertMatchesLookups(readCsv(out), times, true);
    }

    @Test
    void other_columns_are_carried_through_in_order() throws Exception {
        Path in = Files.writeString(dir.resolve("times.csv"), "signal,ts,note\n7,2026-02-18T12:00:00Z,\"a, b\"\n");
        Path out = dir.resolve("matrix.csv");

        join(in, out, false, false, null);

        List<CSVRecord> rows = readCsv(out);
        assertThat(rows.get(0).toList()).startsWith("ts", "market", "signal", "note");
        assertThat(rows.get(1).toList()).startsWith("2026-02-18T12:00:00Z", "HE", "7", "a, b");
    }

    @Test
    void the_long_form_has_a_row_per_time_and_feature_with_its_status() throws Exception {
        Path out = dir.resolve("long.csv");

        join(timesCsv(List.of(Instant.parse("2026-02-18T12:00:00Z"), Instant.parse("2026-02-21T12:00:00Z"))), out,
                true, false, null);

        List<CSVRecord> rows = readCsv(out);
        assertThat(rows.get(0).toList()).containsExactly("ts", "market", "feature", "value", "as_of", "available_at",
                "quality", "status");
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(2) + "=" + r.get(3) + " " + r.get(7))
                .containsExactly("cot_managed_money_net=12000.0 ok", "futures.close.HEJ6=91.75 ok",
                        "futures.close.HEK6=95.0 ok",
                        // Saturday: the weekly release is overdue, and so are Tuesday's bars
                        "cot_managed_money_net= stale", "futures.close.HEJ6= stale", "futures.close.HEK6= stale");
    }

    @Test
    void as_recorded_before_a_revision_reproduces_the_original_answer() throws Exception {
        Path in = timesCsv(List.of(Instant.parse("2026-02-18T12:00:00Z")));
        Path now = dir.resolve("now.csv");
        Path before = dir.resolve("before.csv");

        join(in, now, false, false, null);
        join(in, before, false, false, REVISED.minusSeconds(1));

        assertThat(readCsv(now).get(1).get("futures.close.HEJ6")).isEqualTo("91.75");
        assertThat(readCsv(before).get(1).get("futures.close.HEJ6")).isEqualTo("91.5");
    }

    @Test
    void parquet_output_is_read_by_duckdb_with_timestamps_and_doubles() throws Exception {
        Path out = dir.resolve("matrix.parquet");

        join(timesCsv(times), out, false, false, null);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet rs = statement.executeQuery("SELECT any_value(typeof(ts)),"
                        + " any_value(typeof(\"futures.close.HEJ6\")), count(*), count(\"futures.close.HEJ6\")"
                        + " FROM read_parquet('" + out.toString().replace("'", "''") + "')")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("TIMESTAMP");
            assertThat(rs.getString(2)).isEqualTo("DOUBLE");
            assertThat(rs.getLong(3)).isEqualTo(times.size());
            long known = times.stream().filter(t -> point(t, "futures.close.HEJ6") != null
                    && point(t, "futures.close.HEJ6").status() == FeaturePoint.Status.OK).count();
            assertThat(rs.getLong(4)).isEqualTo(known);
        }
    }

    @Test
    void a_row_without_a_market_needs_the_market_option() throws Exception {
        Path in = timesCsv(List.of(WED));

        assertThatThrownBy(() -> new FeatureMatrix(store).join(new FeatureMatrix.Request(in, dir.resolve("x.csv"),
                null, List.of(), false, false, null)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--market");
        assertThat(dir.resolve("x.csv")).doesNotExist();
    }

    @Test
    void the_times_file_is_never_overwritten_by_its_matrix() throws Exception {
        Path in = timesCsv(List.of(WED));
        String before = Files.readString(in);

        assertThatThrownBy(() -> join(in, in, false, false, null)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("times file itself");
        assertThat(Files.readString(in)).isEqualTo(before);
    }

    @Test
    void a_feature_selection_keeps_the_named_features_and_prefixes() throws Exception {
        Path out = dir.resolve("matrix.csv");

        FeatureMatrix.Result result = new FeatureMatrix(store).join(new FeatureMatrix.Request(timesCsv(List.of(WED)),
                out, "HE", List.of("futures.close.HEK6", "cot_"), false, false, null));

        assertThat(result.features()).containsExactly("cot_managed_money_net", "futures.close.HEK6");
    }

    private FeatureMatrix.Result join(Path in, Path out, boolean longForm, boolean includeStale, Instant asRecorded) {
        return new FeatureMatrix(store).join(new FeatureMatrix.Request(in, out, "HE", List.of(), longForm,
                includeStale, asRecorded));
    }

    private void assertMatchesLookups(List<CSVRecord> rows, List<Instant> at, boolean includeStale) {
        List<String> header = rows.get(0).toList();
        assertThat(header).containsExactly("ts", "market", "cot_managed_money_net", "futures.close.HEJ6",
                "futures.close.HEK6");
        assertThat(rows).hasSize(at.size() + 1);
        for (int i = 0; i < at.size(); i++) {
            CSVRecord row = rows.get(i + 1);
            assertThat(Instant.parse(row.get(0))).isEqualTo(at.get(i));
            for (int c = 2; c < header.size(); c++) {
                FeaturePoint p = point(at.get(i), header.get(c));
                String expected = p == null || p.value() == null
                        || (p.status() == FeaturePoint.Status.STALE && !includeStale) ? "" : p.value().toString();
                assertThat(row.get(c)).as("%s at %s", header.get(c), at.get(i)).isEqualTo(expected);
            }
        }
    }

    private FeaturePoint point(Instant time, String feature) {
        return store.at("HE", time).stream().filter(p -> p.feature().equals(feature)).findFirst().orElse(null);
    }

    private Path timesCsv(List<Instant> at) throws Exception {
        StringBuilder csv = new StringBuilder("ts\n");
        at.forEach(t -> csv.append(t).append('\n'));
        return Files.writeString(dir.resolve("times-" + at.size() + "-" + at.hashCode() + ".csv"), csv);
    }

    private static List<CSVRecord> readCsv(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.parse(reader).getRecords();
            // by name too: the first row is the header
            return CSVFormat.DEFAULT.builder().setHeader(rows.get(0).values()).get()
                    .parse(Files.newBufferedReader(file, StandardCharsets.UTF_8)).getRecords();
        }
    }

    private static FeatureValue value(String feature, Instant asOf, Instant availableAt, double value) {
        return new FeatureValue("HE", feature, asOf, availableAt, value, Quality.NORMAL);
    }
}
