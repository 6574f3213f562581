package io.marketlake.slices;

import static io.marketlake.slices.SliceFixtures.alertOnDay;
import static io.marketlake.slices.SliceFixtures.dailyBars;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.Sha256;
import io.marketlake.lake.LakeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    private static final String CONFIG_TEXT = "{\"alerts\": \"alerts.csv\"}";

    @TempDir
    Path dir;

    private SliceConfig config;

    @BeforeEach
    void alertsFile() throws IOException {
        Path alerts = dir.resolve("alerts.csv");
        Files.writeString(alerts, "alert_id,symbol,ts\na,HEJ6,2026-03-05T12:00:00Z\n");
        config = SliceFixtures.config("1d", "pre2_post2", false, alerts);
    }

    @Test
    void the_same_inputs_give_the_same_derived_run_id() throws IOException {
        dailyBars(dir.resolve("lake"), "HEJ6", 1, 2, 3);

        String first = manifest(config, dir.resolve("lake")).runId();
        String second = manifest(config, dir.resolve("lake")).runId();

        assertThat(first).startsWith("run-").hasSize(20).isEqualTo(second);
    }

    @Test
    void another_lake_file_gives_another_derived_run_id() throws IOException {
        dailyBars(dir.resolve("lake"), "HEJ6", 1, 2, 3);
        dailyBars(dir.resolve("other-lake"), "HEJ6", 1, 2);

        assertThat(manifest(config, dir.resolve("lake")).runId())
                .isNotEqualTo(manifest(config, dir.resolve("other-lake")).runId());
    }

    @Test
    void a_run_id_the_config_gives_is_the_run_id() throws IOException {
        SliceConfig named = new SliceConfig("mine", config.alerts(), config.dataType(), config.market(),
                config.interval(), config.window(), config.compression(), false, 2, 5);

        assertThat(manifest(named, dir.resolve("lake")).runId()).isEqualTo("mine");
    }

    @Test
    void the_lake_files_read_are_listed_relative_to_the_lake_with_hash_and_rows() throws IOException {
        Path lake = dir.resolve("lake");
        dailyBars(lake, "HEJ6", 3);
        Path lakeFile = parquetFiles(lake).get(0);

        JsonNode files = sealed(manifest(config, lake)).get("lake").get("files");

        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.get("path").asText()).isEqualTo(lake.relativize(lakeFile).toString());
            assertThat(f.get("sha256").asText()).isEqualTo(Sha256.of(lakeFile));
            assertThat(f.get("rows").asLong()).isEqualTo(1);
        });
    }

    @Test
    void the_outputs_are_listed_relative_to_the_run_with_hash_and_rows() throws IOException {
        Manifest manifest = manifest(config, dir.resolve("lake"));

        JsonNode outputs = sealed(manifest).get("outputs");

        Path coverageFile = dir.resolve("runs/run_id=" + manifest.runId()).resolve(Coverage.FILE);
        assertThat(outputs).singleElement().satisfies(o -> {
            assertThat(o.get("path").asText()).isEqualTo("outputs/coverage.parquet");
            assertThat(o.get("sha256").asText()).isEqualTo(Sha256.of(coverageFile));
            assertThat(o.get("rows").asLong()).as("a coverage row an alert").isEqualTo(2);
        });
    }

    @Test
    void the_coverage_summary_counts_alerts_by_status_and_kept() throws IOException {
        dailyBars(dir.resolve("lake"), "HEJ6", 1, 2, 3, 4, 5);

        JsonNode summary = sealed(manifest(config, dir.resolve("lake"))).get("coverage");

        // day 3: 1, 2 | 3, 4, 5 complete; day 5: 3, 4 | 5 partial
        assertThat(summary.toString()).isEqualTo("{\"alerts\":2,\"complete\":1,\"partial\":1,\"insufficient\":0,"
                + "\"kept\":2,\"dropped\":0,\"slice_rows\":7}");
    }

    private Manifest manifest(SliceConfig config, Path lake) {
        return new Manifest(config, CONFIG_TEXT, 2, lake, readFiles(config, lake));
    }

    /** The manifest of a run of two alerts whose only output is its coverage file. */
    private JsonNode sealed(Manifest manifest) throws IOException {
        List<Alert> alerts = List.of(alertOnDay("complete", "HEJ6", 3), alertOnDay("partial", "HEJ6", 5));
        CandleBuffer candles = CandleBuffer.read(new LakeReader(dir.resolve("lake")), config,
                AlertWindows.of(alerts, config));
        Coverage coverage = Coverage.of(alerts, candles, config);
        RunWriter run = RunWriter.prepare(dir.resolve("runs/run_id=" + manifest.runId()));
        coverage.write(run, config);
        return new ObjectMapper().readTree(manifest.bytes(run, coverage, 7));
    }

    private static List<Path> readFiles(SliceConfig config, Path lake) {
        List<Alert> alerts = List.of(alertOnDay("a", "HEJ6", 3));
        return CandleBuffer.read(new LakeReader(lake), config, AlertWindows.of(alerts, config)).files();
    }

    private static List<Path> parquetFiles(Path lake) throws IOException {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).toList();
        }
    }
}
