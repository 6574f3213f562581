package io.marketlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark (local[2]) with delta-spark reads the trading tables and the Parquet lake that the marketlake jar wrote,
 * and sees what marketlake's own readers print: each table version, the state at a commit's timestamp, the
 * history, and the lake's rows with partitions discovered from the directory names.
 */
class SparkReadsMarketlakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path home;
    private static SparkSession spark;

    @BeforeAll
    static void marketlakeWritesAndSparkStarts() throws Exception {
        home = Files.createTempDirectory("marketlake-spark-");
        marketlake("ingest", "--sample");
        writeAndImport("positions-a.jsonl", position("s1", "HEJ6", "open", 2, "2026-02-17T15:00:00Z")
                + position("s2", "HEM6", "open", -1, "2026-02-17T15:05:00Z"));
        writeAndImport("positions-b.jsonl", position("s1", "HEJ6", "closed", 2, "2026-02-18T15:00:00Z"));
        writeAndImport("positions-c.jsonl", position("s3", "HEJ6", "rolling", 4, "2026-02-19T15:00:00Z"));
        spark = SparkSession.builder().master("local[2]").appName("marketlake-spark-check")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void every_version_of_a_trading_table_reads_the_same_in_spark() throws Exception {
        String positions = home.resolve("trading/positions").toString();
        for (int version = 0; version <= 2; version++) {
            Set<String> ours = rows(JSON.readTree(marketlake("trading", "rows", "--table", "positions",
                    "--version", String.valueOf(version), "--json")));
            Set<String> sparks = rows(spark.sql("SELECT strategy_id, symbol, status, quantity, updated_at FROM delta.`"
                    + positions + "` VERSION AS OF " + version));
            assertThat(sparks).as("version %d", version).isEqualTo(ours).isNotEmpty();
        }
        assertThat(rows(spark.read().format("delta").load(positions)
                .select("strategy_id", "symbol", "status", "quantity", "updated_at"))).hasSize(4);
    }

    @Test
    void the_state_at_a_commit_timestamp_and_the_history_agree() throws Exception {
        String positions = home.resolve("trading/positions").toString();
        JsonNode history = JSON.readTree(marketlake("trading", "history", "--table", "positions", "--json"));
        List<Long> sparkVersions = new ArrayList<>();
        for (Row row : spark.sql("DESCRIBE HISTORY delta.`" + positions + "`").orderBy("version").collectAsList()) {
            sparkVersions.add(row.getLong(row.fieldIndex("version")));
        }
        List<Long> ourVersions = new ArrayList<>();
        history.forEach(commit -> ourVersions.add(commit.get("version").asLong()));
        assertThat(sparkVersions).isEqualTo(ourVersions).containsExactly(0L, 1L, 2L);

        String atVersion1 = history.get(1).get("timestamp").asText();
        Set<String> ours = rows(JSON.readTree(marketlake("trading", "rows", "--table", "positions", "--as-of",
                atVersion1, "--json")));
        Set<String> sparks = rows(spark.sql("SELECT strategy_id, symbol, status, quantity, updated_at FROM delta.`"
                + positions + "` TIMESTAMP AS OF '" + Timestamp.from(Instant.parse(atVersion1)) + "'"));
        assertThat(sparks).isEqualTo(ours).hasSize(3);
    }

    @Test
    void spark_discovers_the_lakes_partitions_and_reads_our_rows() throws Exception {
        Path lake = home.resolve("lake");
        Dataset<Row> futures = spark.read().option("basePath", lake.toString())
                .parquet(lake.resolve("data_type=futures").toString());
        assertThat(futures.columns()).contains("data_type", "market", "year", "month", "symbol", "close");
        assertThat(futures.select("market").distinct().collectAsList()).extracting(r -> r.getString(0))
                .containsExactly("HE");

        List<String> csv = marketlake("lake", "read", "--type", "futures", "--market", "HE", "--csv",
                "--all-versions").lines().toList();
        Set<String> ours = new TreeSet<>();
        List<String> header = List.of(csv.get(0).split(","));
        for (String line : csv.subList(1, csv.size())) {
            List<String> values = parseCsv(line);
            ours.add(values.get(header.indexOf("trading_date")) + " " + values.get(header.indexOf("symbol")) + " "
                    + Double.parseDouble(values.get(header.indexOf("close"))) + " " + values.get(header.indexOf("batch_id")));
        }
        Set<String> sparks = new TreeSet<>();
        for (Row row : futures.select("trading_date", "symbol", "close", "batch_id").collectAsList()) {
            sparks.add(row.get(0) + " " + row.getString(1) + " " + row.getDouble(2) + " " + row.getString(3));
        }
        assertThat(sparks).isEqualTo(ours).hasSize(56);
        assertThat(spark.read().option("basePath", lake.toString()).parquet(lake.toString())
                .select("data_type").distinct().collectAsList()).extracting(r -> r.getString(0))
                .containsExactlyInAnyOrder("futures", "options", "cot");
    }

    private static Set<String> rows(Dataset<Row> rows) {
        Set<String> set = new TreeSet<>();
        for (Row row : rows.collectAsList()) {
            set.add(row.getString(0) + "|" + row.getString(1) + "|" + row.getString(2) + "|" + row.getLong(3) + "|"
                    + row.getTimestamp(4).toInstant());
        }
        return set;
    }

    private static Set<String> rows(JsonNode rows) {
        Set<String> set = new TreeSet<>();
        rows.forEach(row -> set.add(row.get("strategy_id").asText() + "|" + row.get("symbol").asText() + "|"
                + row.get("status").asText() + "|" + row.get("quantity").asLong() + "|"
                + Instant.parse(row.get("updated_at").asText())));
        return set;
    }

    private static void writeAndImport(String name, String content) throws Exception {
        Path file = Files.writeString(home.resolve(name), content);
        marketlake("trading", "import", file.toString());
    }

    private static String position(String strategy, String symbol, String status, long quantity, String updatedAt) {
        return "{\"strategy_id\":\"" + strategy + "\",\"symbol\":\"" + symbol + "\",\"status\":\"" + status
                + "\",\"quantity\":" + quantity + ",\"updated_at\":\"" + updatedAt + "\"}\n";
    }

    /** Runs the marketlake jar (from the repository root, where config/ and routes/ are) and returns stdout. */
    private static String marketlake(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("marketlake.jar"), "--home", home.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home, "out", ".txt");
        Process process = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectOutput(out.toFile()).redirectError(home.resolve("marketlake.log").toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("marketlake %s", String.join(" ", args)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static List<String> parseCsv(String line) {
        List<String> values = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                values.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        values.add(field.toString());
        return values;
    }
}
