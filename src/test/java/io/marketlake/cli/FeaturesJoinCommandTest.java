package io.marketlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.Marketlake;
import io.marketlake.features.FeaturePoint;
import io.marketlake.features.FeatureStore;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** {@code features join} over the sample store answers every time as {@code features at} does. */
class FeaturesJoinCommandTest extends CliTestSupport {

    @Test
    void a_matrix_of_ten_thousand_times_matches_features_at_row_for_row() throws Exception {
        assertThat(run("ingest", "--sample")).isZero();
        // the sample's days: the 2021 COT weeks and the February 2026 bars and chain snapshot, in no order
        Random random = new Random(20260218);
        List<Instant> times = new ArrayList<>();
        Instant cot = Instant.parse("2021-03-10T00:00:00Z");
        Instant bars = Instant.parse("2026-02-14T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            Instant from = i % 2 == 0 ? cot : bars;
            times.add(from.plusMillis((long) (random.nextDouble() * Duration.ofDays(10).toMillis())));
        }
        Collections.shuffle(times, random);
        StringBuilder csv = new StringBuilder("id,ts\n");
        for (int i = 0; i < times.size(); i++) {
            csv.append(i).append(',').append(times.get(i)).append('\n');
        }
        Path file = Files.writeString(home.resolve("times.csv"), csv);
        Path matrix = home.resolve("out/matrix.csv");

        assertThat(run("features", "join", "--times", file.toString(), "--market", "HE", "--include-stale",
                "--out", matrix.toString())).isZero();

        assertThat(out).contains("10000 times of [HE]");
        // progress on stderr, plain lines when no terminal watches: one per twentieth of the times
        assertThat(err.lines().filter(line -> line.startsWith("features join "))).hasSize(20)
                .last().isEqualTo("features join 20/20 10000/10000 times");
        List<CSVRecord> rows;
        try (Reader reader = Files.newBufferedReader(matrix, StandardCharsets.UTF_8)) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
        assertThat(rows).hasSize(times.size());
        try (Marketlake marketlake = Marketlake.start(Map.of("marketlake.home", home.toString(),
                "marketlake.schedules.enabled", "false"))) {
            FeatureStore store = marketlake.bean("featureStore", FeatureStore.class);
            Map<Instant, List<FeaturePoint>> expected = store.atEach("HE", times);
            List<String> features = store.featureNames("HE");
            assertThat(rows.get(0).getParser().getHeaderNames()).containsExactlyElementsOf(
                    concat(List.of("ts", "market", "id"), features));
            int known = 0;
            for (int i = 0; i < rows.size(); i++) {
                CSVRecord row = rows.get(i);
                assertThat(row.get("id")).isEqualTo(String.valueOf(i));
                assertThat(Instant.parse(row.get("ts"))).isEqualTo(times.get(i));
                for (String feature : features) {
                    String value = expected.get(times.get(i)).stream().filter(p -> p.feature().equals(feature))
                            .findFirst().map(p -> p.value() == null ? "" : p.value().toString()).orElse("");
                    assertThat(row.get(feature)).as("%s at %s", feature, times.get(i)).isEqualTo(value);
                    known += value.isEmpty() ? 0 : 1;
                }
            }
            assertThat(known).as("values compared").isGreaterThan(times.size());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
