package io.marketlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands as people run them, in their own JVM: stderr holds only what needs a person's eye. */
class QuietCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private record Run(int exit, String out, String err) {
    }

    @Test
    void a_command_logs_nothing_below_warn_unless_verbose() throws Exception {
        Run quiet = marketlake("ingest", "--sample");
        assertThat(quiet.exit()).isZero();
        assertThat(quiet.out()).contains("futures HE 2026-02-13");
        assertThat(quiet.err()).isEmpty();

        Run verbose = marketlake("--verbose", "lake", "read", "--type", "futures", "--market", "HE");
        assertThat(verbose.exit()).isZero();
        assertThat(verbose.err()).doesNotContain("ERROR");
        Run verboseIngest = marketlake("ingest", "--sample", "--verbose");
        assertThat(verboseIngest.err()).contains("INFO").contains("Apache Camel");
    }

    @Test
    void a_user_error_is_one_line_and_status_2() throws Exception {
        Run typo = marketlake("ingest", "futures", "--market", "HE", "--dat", "2026-02-17");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("marketlake: ").contains("--dat").contains("--help"));

        Run unknownMarket = marketlake("features", "at", "--market", "ZZ", "--time", "2026-02-18T00:00:00Z");
        assertThat(unknownMarket.exit()).isEqualTo(2);
        assertThat(unknownMarket.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("unknown market 'ZZ'"));
    }

    @Test
    void status_tells_each_feed_from_the_stores() throws Exception {
        assertThat(marketlake("ingest", "--sample").exit()).isZero();

        Run status = marketlake("status", "--json");

        assertThat(status.exit()).isZero();
        JsonNode feeds = JSON.readTree(status.out());
        assertThat(feeds).hasSize(3);
        JsonNode futures = feeds.get(0);
        assertThat(futures.path("source").asText()).isEqualTo("futures");
        // the sample's bars are of February 2026: old data is stale however recent the run
        assertThat(futures.path("state").asText()).isEqualTo("stale");
        assertThat(futures.path("newest_date").asText()).isEqualTo("2026-02-19");
        assertThat(futures.path("lake_files").asLong()).isEqualTo(4);
        assertThat(futures.path("lake_rows").asLong()).isEqualTo(56);
        assertThat(futures.path("feature_rows").asLong()).isPositive();
        assertThat(futures.path("detail").asText()).contains("older than 5d");
        assertThat(marketlake("status").out()).contains("futures").contains("stale").contains("2026-02-19");
    }

    private Run marketlake(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.marketlake.MarketlakeApplication", "--home",
                home.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("marketlake " + String.join(" ", args) + " did not finish");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
