package io.marketlake.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.RouteTestSupport;
import io.marketlake.ingest.BatchLedger;
import io.marketlake.ingest.IngestProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.LoggerFactory;

/**
 * The fault matrix: the real routes against hostile loopback servers, each fault followed by checks of what the
 * stores hold and of everything written and logged for the API key. Every test records its fault and outcome in
 * target/reliability/faults.json (the README's reliability section reports the totals).
 */
abstract class FaultMatrix extends RouteTestSupport {

    static final String KEY = System.getenv("DATABENTO_API_KEY");
    static final List<String> KEY_FORMS = List.of(KEY,
            Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8)),
            Base64.getEncoder().withoutPadding().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8)),
            Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8)));
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ObjectNode> TALLY = new TreeMap<>();

    static ScriptedServer vendor;
    static ScriptedServer cftcServer;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private String testName;

    @BeforeAll
    static void startServers() throws IOException {
        vendor = ScriptedServer.start();
        cftcServer = ScriptedServer.start();
    }

    @AfterAll
    static void stopServers() throws IOException {
        vendor.close();
        cftcServer.close();
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        ObjectNode all = JSON.createObjectNode();
        synchronized (TALLY) {
            Path file = out.resolve("faults.json");
            if (Files.exists(file)) {
                JSON.readTree(file.toFile()).fields().forEachRemaining(e -> all.set(e.getKey(), e.getValue()));
            }
            TALLY.forEach(all::set);
        }
        Files.writeString(out.resolve("faults.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = super.useOverridePropertiesWithPropertiesComponent();
        properties.put("marketlake.databento.base-url", vendor.baseUrl());
        properties.put("marketlake.cftc.base-url", cftcServer.baseUrl());
        properties.put("marketlake.retry.max-redeliveries", "2");
        properties.put("marketlake.http.connect-timeout", "PT0.5S");
        properties.put("marketlake.http.read-timeout", "PT0.5S");
        properties.put("marketlake.http.deadline", "PT1.5S");
        properties.put("marketlake.http.max-response-bytes", "1048576");
        properties.put("marketlake.features.busy-timeout", "PT0.2S");
        return properties;
    }

    @BeforeEach
    void captureLogs(TestInfo info) {
        String method = info.getTestMethod().orElseThrow().getName();
        // a parameterized test's invocations are faults of their own
        testName = getClass().getSimpleName() + "." + method
                + (info.getDisplayName().startsWith(method) ? "" : " " + info.getDisplayName());
        vendor.reset();
        cftcServer.reset();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void nothingLeaksTheKey() {
        root.detachAppender(logs);
        vendor.reset();
        cftcServer.reset();
        int leaks = 0;
        for (ILoggingEvent event : logs.list) {
            leaks += leaks(text(event));
        }
        for (Path file : allFiles()) {
            leaks += leaks(readAny(file));
        }
        tally("key_leaks", leaks);
        assertThat(leaks).as("key forms found in logs or files under home").isZero();
    }

    /** Records this test's fault in the totals. */
    void tally(String figure, long value) {
        synchronized (TALLY) {
            ObjectNode node = TALLY.computeIfAbsent(testName, k -> JSON.createObjectNode());
            node.put(figure, value);
        }
    }

    void fault(String description) {
        synchronized (TALLY) {
            TALLY.computeIfAbsent(testName, k -> JSON.createObjectNode()).put("fault", description);
        }
    }

    /** Rows found where the expectation said otherwise, counted as lost (fewer) or doubled (more). */
    void rows(long expected, long actual) {
        tally("rows_lost", Math.max(0, expected - actual));
        tally("rows_doubled", Math.max(0, actual - expected));
        assertThat(actual).as("rows the stores hold").isEqualTo(expected);
    }

    List<ILoggingEvent> errors() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    }

    JsonNode singleDeadLetter() {
        List<Path> letters = filesUnder("dead", "-failed.json");
        assertThat(letters).as("dead letters").hasSize(1);
        try {
            return JSON.readTree(letters.get(0).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String deadLetterOf(Exchange exchange) {
        return exchange.getProperty(IngestProperties.DEAD_LETTER, String.class);
    }

    BatchLedger ledger() {
        return context.getRegistry().lookupByNameAndType("batchLedger", BatchLedger.class);
    }

    boolean complete(String source, String dataType, LocalDate date) {
        return ledger().done(source, dataType, "HE", List.of(date)).contains(date);
    }

    long featureRows() {
        return featureStore().countByMarket().getOrDefault("HE", 0L);
    }

    /**
     * How many forms of the key the text shows, whole or in part: the first ten characters of a form are enough
     * to count (text shortened before it was masked would leak a key's beginning).
     */
    static int leaks(String text) {
        int found = 0;
        for (String form : KEY_FORMS) {
            if (text.contains(form.substring(0, Math.min(10, form.length())))) {
                found++;
            }
        }
        return found;
    }

    private List<Path> allFiles() {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".parquet")
                    && !p.getFileName().toString().startsWith("features.db")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAny(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    /** The event as the STDERR appender (LogConfiguration) writes it: what an operator reads. */
    @SuppressWarnings("unchecked")
    private String text(ILoggingEvent event) {
        OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDERR");
        return new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
    }
}
