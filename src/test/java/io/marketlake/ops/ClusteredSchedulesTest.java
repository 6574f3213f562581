package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.marketlake.ConfigurationException;
import io.marketlake.DatabentoStub;
import io.marketlake.Marketlake;
import io.marketlake.MarketlakeApplication;
import io.marketlake.TestPostgres;
import io.marketlake.TestResources;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real daemons ({@code marketlake run}, each its own JVM) on one PostgreSQL database with
 * {@code marketlake.scheduler.store=jdbc}: every fire of the shared trigger runs on one of them only, and when one
 * is killed the other fires the next ones.
 */
class ClusteredSchedulesTest {

    private static final Pattern FIRED = Pattern.compile("(\\S+) fired for (\\S+) \\(trigger (\\S+)/(\\S+)\\)");
    private static final String NEVER = "0 0 0 1 1 ? 2099";
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path home;

    /** One line "futures-daily-HE fired for T (trigger G/N)" of a daemon's log. */
    private record Fire(String route, Instant scheduled, String triggerGroup) {

        boolean recovered() {
            return !triggerGroup.equals(SchedulerStore.TRIGGER_GROUP);
        }
    }

    @Test
    void two_daemons_on_one_database_fire_each_trigger_once_and_the_survivor_fires_after_a_kill() throws Exception {
        String url = TestPostgres.freshSchemaUrl();
        try (DatabentoStub databento = DatabentoStub.start()) {
            databento.answer(request -> barsOf(LocalDate.parse(request.form().get("start"))));
            Map<String, String> properties = new HashMap<>();
            properties.put("marketlake.features.jdbc-url", url);
            properties.put("marketlake.scheduler.store", "jdbc");
            properties.put("marketlake.scheduler.checkin-interval", "PT1S");
            properties.put("marketlake.futures.cron", "0/2 * * * * ?");
            properties.put("marketlake.futures.cron-timezone", "UTC");
            properties.put("marketlake.options.cron", NEVER);
            properties.put("marketlake.cot.cron", NEVER);
            properties.put("marketlake.databento.base-url", databento.baseUrl());
            properties.put("marketlake.cftc.base-url", "http://127.0.0.1:9");
            properties.put("marketlake.retry.max-redeliveries", "0");
            properties.put("camel.management.enabled", "false");
            properties.put("camel.metrics.enabled", "false");

            try (Daemon first = Daemon.start(home, "first", properties);
                    Daemon second = Daemon.start(home, "second", properties)) {
                await().atMost(PATIENCE).until(() -> instancesCheckedIn(url) == 2);
                await().atMost(PATIENCE).until(() -> first.fires().size() + second.fires().size() >= 4);

                Daemon killed = newestFire(first).isAfter(newestFire(second)) ? first : second;
                Daemon survivor = killed == first ? second : first;
                killed.kill();
                Instant killedAt = Instant.now();
                await().atMost(PATIENCE).until(() -> survivor.fires().stream()
                        .filter(fire -> !fire.recovered() && fire.scheduled().isAfter(killedAt)).count() >= 2);

                List<Fire> all = new ArrayList<>(first.fires());
                all.addAll(second.fires());
                assertThat(all).extracting(Fire::route).containsOnly("futures-daily-HE");
                // each scheduled instant ran on one daemon only; a survivor may re-run one the killed daemon began
                assertThat(all.stream().filter(fire -> !fire.recovered()).map(Fire::scheduled))
                        .doesNotHaveDuplicates();
                assertThat(all.stream().filter(Fire::recovered).map(Fire::scheduled))
                        .allMatch(at -> killed.fires().stream().anyMatch(fire -> fire.scheduled().equals(at)));
                assertThat(killed.fires()).isNotEmpty();
                assertThat(killed.log()).doesNotContain("db-test-key-never-printed");
            }
        }
    }

    @Test
    void a_trigger_stored_by_an_earlier_daemon_takes_the_zone_the_configuration_now_gives() throws Exception {
        String url = TestPostgres.freshSchemaUrl();
        Map<String, String> properties = new HashMap<>();
        properties.put("marketlake.home", home.resolve("data").toString());
        properties.put("marketlake.features.jdbc-url", url);
        properties.put("marketlake.scheduler.store", "jdbc");
        properties.put("marketlake.futures.cron-timezone", "UTC");
        properties.put("camel.management.enabled", "false");
        properties.put("camel.metrics.enabled", "false");
        try (Marketlake daemon = Marketlake.startDaemon(properties)) {
            assertThat(storedZone(url, "futures-daily-HE")).isEqualTo("UTC");
        }

        // the same cron in another zone: camel-quartz alone would keep the stored trigger as it was
        properties.put("marketlake.futures.cron-timezone", "America/Chicago");
        try (Marketlake daemon = Marketlake.startDaemon(properties)) {
            assertThat(storedZone(url, "futures-daily-HE")).isEqualTo("America/Chicago");
            assertThat(storedZone(url, "cot-weekly-HE")).isEqualTo("America/New_York");
        }
    }

    @Test
    void a_clustered_scheduler_refuses_a_feature_store_that_is_not_postgresql() {
        Map<String, String> properties = Map.of("marketlake.home", home.resolve("data").toString(),
                "marketlake.scheduler.store", "jdbc", "camel.management.enabled", "false");

        assertThatThrownBy(() -> Marketlake.startDaemon(properties)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marketlake.features.jdbc-url must be jdbc:postgresql://");
        assertThatThrownBy(() -> Marketlake.startDaemon(Map.of("marketlake.home", home.resolve("data").toString(),
                "marketlake.scheduler.store", "zookeeper"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("marketlake.scheduler.store must be memory or jdbc, not 'zookeeper'");
    }

    private static String storedZone(String url, String trigger) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT time_zone_id FROM qrtz_cron_triggers WHERE trigger_name = ?")) {
            statement.setString(1, trigger);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static Instant newestFire(Daemon daemon) {
        return daemon.fires().stream().map(Fire::scheduled).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    /** The sample's daily bars of 2026-02-13, moved to {@code date}. */
    private static String barsOf(LocalDate date) {
        return TestResources.text("samples/databento/HE.FUT-ohlcv-1d-2026-02-13-csv_raw.csv").replace(
                "1770940800000000000", date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + "000000000");
    }

    private static int instancesCheckedIn(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('qrtz_scheduler_state') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return 0; // no daemon has created the tables yet
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM qrtz_scheduler_state")) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** {@code marketlake run} in its own JVM from the repository root, its output in a log file. */
    private static final class Daemon implements AutoCloseable {

        private final Process process;
        private final Path log;

        private Daemon(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Daemon start(Path home, String name, Map<String, String> properties) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of(MarketlakeApplication.class.getName(), "--home", home.resolve("data").toString(),
                    "run"));
            Path log = home.resolve(name + ".log");
            Process process = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Daemon(process, log);
        }

        String log() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<Fire> fires() {
            List<Fire> fires = new ArrayList<>();
            Matcher matcher = FIRED.matcher(log());
            while (matcher.find()) {
                fires.add(new Fire(matcher.group(1), Instant.parse(matcher.group(2)), matcher.group(3)));
            }
            return fires;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no check-out from the cluster
            process.waitFor(1, TimeUnit.MINUTES);
        }

        /** Stops the daemon (SIGTERM) and keeps its log under target/cluster-logs/ for a failed run's reader. */
        @Override
        public void close() throws InterruptedException, IOException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(1, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                }
            }
            Path kept = Path.of("target", "cluster-logs", log.getFileName().toString());
            Files.createDirectories(kept.getParent());
            Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
