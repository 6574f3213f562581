package io.marketlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole product on a PostgreSQL feature store, by one property, answering as it does on SQLite. */
class PostgresStoreCommandTest extends CliTestSupport {

    private static final String JDBC_URL = "marketlake.features.jdbc-url";
    private static final List<List<String>> READS = List.of(
            List.of("features", "at", "--market", "HE", "--time", "2026-02-18T15:00:00Z", "--json"),
            List.of("features", "at", "--market", "HE", "--time", "2026-02-17T21:00:00Z", "--json"),
            List.of("features", "at", "--market", "HE", "--time", "2021-03-19T19:30:00Z", "--json"),
            List.of("features", "history", "--market", "HE", "--feature", "futures.close.front", "--from",
                    "2026-02-01", "--to", "2026-02-28", "--json"));

    @Test
    void ingest_sample_then_features_at_answer_on_postgresql_as_on_sqlite() throws Exception {
        List<String> onSqlite = sampleThenReads(home.resolve("sqlite"));
        String url = TestPostgres.freshSchemaUrl();
        System.setProperty(JDBC_URL, url);
        List<String> onPostgres;
        try {
            onPostgres = sampleThenReads(home.resolve("postgresql"));
        } finally {
            System.clearProperty(JDBC_URL);
        }

        assertThat(onPostgres).isEqualTo(onSqlite);
        assertThat(onSqlite.get(0)).contains("futures.close.front");
        // the PostgreSQL home holds no SQLite file: the store was the server
        assertThat(Files.exists(home.resolve("postgresql/features.db"))).isFalse();
    }

    private List<String> sampleThenReads(Path where) {
        Cli.Run sample = Cli.inHome(where, "ingest", "--sample");
        assertThat(sample.exit()).as(sample.err()).isZero();
        List<String> answers = new ArrayList<>();
        for (List<String> read : READS) {
            Cli.Run run = Cli.inHome(where, read.toArray(String[]::new));
            assertThat(run.exit()).as(run.err()).isZero();
            // when each store recorded a row is the only thing that may differ: the ingests ran at other instants
            answers.add(run.out().replaceAll("\"recorded_at\" : \"[^\"]*\"",
                    "\"recorded_at\" : \"(when recorded)\""));
        }
        return answers;
    }
}
