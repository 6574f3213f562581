package io.marketlake.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.cli.Cli;
import io.marketlake.trading.DeltaTablesTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile names on the command line: each is refused with one line and exit 2 before anything is written, or
 * taken literally; nothing is ever written outside the home. stdout and stderr never show the API key.
 */
class HostileInputTest {

    private static int tried;

    @TempDir
    Path parent;

    private String out;
    private String err;

    @AfterEach
    void noKeyOnTheTerminal() {
        assertThat(FaultMatrix.leaks(String.valueOf(out) + err)).as("key forms on the terminal").isZero();
    }

    @AfterAll
    static void tally() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "reliability"));
        Files.writeString(dir.resolve("hostile.json"), "{\"hostile_inputs\": " + tried + "}\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p%41q", "x%2F..%2Fescaped", "tab\there", "new\nline", "brace{{x}}", "dollar${x}",
            "query?x=1", "hash#x", "nul\u0000byte", "bell\u0007"})
    void a_home_that_uris_or_placeholders_would_rewrite_is_refused_before_anything_is_written(String name)
            throws Exception {
        tried++;
        Path home = Path.of(parent + "/" + name.replace("\u0000", "\u0001"));
        String given = parent + "/" + name;

        int exit = run("--home", given, "ingest", "--sample");

        assertThat(exit).isEqualTo(2);
        assertThat(err.strip()).startsWith("marketlake: --home").doesNotContain("\n").doesNotContain("\tat ");
        assertThat(everything(parent)).as("nothing written anywhere").isEmpty();
        assertThat(home).doesNotExist();
    }

    @Test
    void a_home_with_spaces_and_dots_is_taken_literally() throws Exception {
        tried++;
        Path home = parent.resolve("my data/./x/../lake home");

        assertThat(run("--home", home.toString(), "ingest", "--sample")).isZero();

        assertThat(everything(parent)).allSatisfy(p -> assertThat(p.toString()).startsWith(
                parent.resolve("my data/lake home").toString()));
        assertThat(Files.isDirectory(parent.resolve("my data/lake home/lake"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../HE", "HE/../HE", "%48E", "H\tE", "he", "", "HE "})
    void a_market_that_is_not_configured_is_a_one_line_usage_error(String market) throws Exception {
        tried++;
        Path home = parent.resolve("home");

        assertThat(run("--home", home.toString(), "lake", "read", "--type", "futures", "--market", market)).isEqualTo(2);

        assertThat(err.strip()).contains("unknown market").doesNotContain("\n");
        assertThat(everything(home)).noneMatch(p -> p.toString().contains("market=" + market));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc", "futures/../options", "bars", "%2e%2e", ".hidden"})
    void a_data_type_that_is_not_a_plain_known_name_is_a_usage_error(String type) throws Exception {
        tried++;
        assertThat(run("--home", parent.resolve("home").toString(), "lake", "read", "--type", type, "--market", "HE"))
                .isEqualTo(2);
        assertThat(err.strip()).contains("data_type").doesNotContain("\n");
    }

    @Test
    void a_reversed_date_range_is_a_usage_error_for_reads() {
        tried += 2;
        String home = parent.resolve("home").toString();

        assertThat(run("--home", home, "lake", "read", "--type", "futures", "--market", "HE", "--from", "2026-02-10",
                "--to", "2026-02-01")).isEqualTo(2);
        assertThat(err).contains("--to 2026-02-01 is before --from 2026-02-10");
        assertThat(run("--home", home, "features", "history", "--market", "HE", "--feature", "futures.close.front",
                "--from", "2026-02-10", "--to", "2026-02-01")).isEqualTo(2);
        assertThat(err).contains("--to 2026-02-01 is before --from 2026-02-10");
    }

    @Test
    void a_symbol_that_looks_like_a_path_stays_a_partition_value_inside_the_table() throws Exception {
        tried++;
        Path home = parent.resolve("home");
        Path file = Files.writeString(parent.resolve("positions-hostile.jsonl"),
                DeltaTablesTest.position("s1", "../../escaped", "open", "2026-02-17T15:00:00Z"));

        run("--home", home.toString(), "trading", "import", file.toString());

        assertThat(everything(parent)).allSatisfy(p -> assertThat(p.normalize().toString())
                .satisfiesAnyOf(s -> assertThat(s).startsWith(home.resolve("trading/positions").toString()),
                        s -> assertThat(s).isEqualTo(file.toString()),
                        s -> assertThat(s).startsWith(home.toString())));
        assertThat(everything(parent)).noneMatch(p -> p.getFileName().toString().equals("escaped"));
        assertThat(run("--home", home.toString(), "trading", "positions", "--json")).isZero();
        assertThat(out).contains("../../escaped");
    }

    @Test
    void help_shows_no_key() {
        tried++;
        assertThat(run("--help")).isZero();
        assertThat(out).contains("Usage: marketlake");
    }

    private int run(String... args) {
        Cli.Run run = Cli.run(args);
        out = run.out();
        err = run.err();
        return run.exit();
    }

    private static List<Path> everything(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return new ArrayList<>(files.filter(Files::isRegularFile).toList());
        }
    }
}
