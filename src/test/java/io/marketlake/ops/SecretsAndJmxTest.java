package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import io.marketlake.RouteTestSupport;
import io.marketlake.TestResources;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What operators see over JMX, and what nobody may see anywhere: the API key. */
class SecretsAndJmxTest extends RouteTestSupport {

    // set for the tests by the surefire configuration in pom.xml
    private static final String KEY = System.getenv("DATABENTO_API_KEY");
    private static final String KEY_BASE64 =
            Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger camel = (Logger) LoggerFactory.getLogger("org.apache.camel");
    private Level camelLevel;

    @Override
    protected boolean useJmx() {
        return true;
    }

    @BeforeEach
    void captureEverything() {
        camelLevel = camel.getLevel();
        camel.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logs);
        camel.setLevel(camelLevel);
    }

    @Test
    void the_api_key_never_reaches_logs_dead_letters_or_jmx() throws Exception {
        assertThat(KEY).isNotBlank();
        databento.error(401, "Authentication failed.", Map.of())
                .error(500, "boom", Map.of()).error(500, "boom", Map.of()).error(500, "boom", Map.of())
                .error(500, "boom", Map.of());

        ingestFutures("HE", "2026-02-13");
        ingestFutures("HE", "2026-02-16");

        assertThat(filesUnder("dead", ".json")).hasSize(2).allSatisfy(file -> assertThat(read(file))
                .doesNotContain(KEY).doesNotContain(KEY_BASE64));
        assertThat(logs.list).isNotEmpty().allSatisfy(event -> assertThat(text(event))
                .doesNotContain(KEY).doesNotContain(KEY_BASE64));
        assertThat(jmxText()).isNotEmpty().allSatisfy(value -> assertThat(value)
                .doesNotContain(KEY).doesNotContain(KEY_BASE64));
    }

    @Test
    void credentials_echoed_by_the_vendor_reach_no_dead_letter_log_line_or_jmx() throws Exception {
        List<String> echoes = List.of(KEY, KEY_BASE64, RedactorTest.percentEncoded(KEY, true),
                RedactorTest.base64(Base64.getUrlEncoder().withoutPadding(), KEY));
        databento.error(401, "invalid key " + KEY + " sent as Authorization: Basic " + KEY_BASE64 + " ("
                + String.join(", ", echoes) + ")", Map.of());

        ingestFutures("HE", "2026-02-13");

        assertThat(filesUnder("dead", ".json")).hasSize(1).allSatisfy(file -> assertThat(read(file))
                .contains("invalid key *** sent as Authorization: Basic ***").satisfies(text -> noneOf(echoes, text)));
        assertThat(logs.list).isNotEmpty().allSatisfy(event -> noneOf(echoes, rendered(event)));
        assertThat(jmxText()).isNotEmpty().allSatisfy(value -> noneOf(echoes, value));
    }

    @Test
    void jmx_shows_rows_rejections_dead_letters_last_success_and_freshness_per_source_and_market_beside_camels()
            throws Exception {
        databento.ok(TestResources.text("databento/HE.FUT-ohlcv-1d-2026-02-17-bad-records.csv"))
                .error(404, "Not found", Map.of());

        ingestFutures("HE", "2026-02-17");
        ingestFutures("HE", "2026-02-18");

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        // registered through Camel's management agent, in the context's domain
        ObjectName name = server.queryNames(new ObjectName("org.apache.camel:type=marketlake,source=futures,market=HE,*"),
                null).stream().findFirst().orElseThrow();
        assertThat(name.getKeyProperty("context")).isNotEmpty();
        assertThat(server.getAttribute(name, "RowsWritten")).isEqualTo(3L);
        assertThat(server.getAttribute(name, "RowsRejected")).isEqualTo(4L);
        assertThat(server.getAttribute(name, "DeadLetters")).isEqualTo(1L);
        assertThat((String) server.getAttribute(name, "LastSuccess")).isNotEmpty();
        assertThat((String) server.getAttribute(name, "LastFailureReason")).startsWith("HTTP 404");
        // from the stores: the 17th's bars are complete, long ago, and the 18th's run is dead-lettered
        assertThat(server.getAttribute(name, "NewestTradingDate")).isEqualTo("2026-02-17");
        assertThat(server.getAttribute(name, "Freshness")).isEqualTo("failed");
        assertThat((String) server.getAttribute(name, "FreshnessDetail")).contains("dead-lettered").contains("404");
        assertThat(server.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null))
                .anyMatch(route -> route.getKeyProperty("name").contains("futures-ingest"));
    }

    private static void noneOf(List<String> echoes, String text) {
        for (String echo : echoes) {
            assertThat(text).doesNotContain(echo);
        }
    }

    /** The line the STDERR appender (LogConfiguration) writes for the event. */
    private String rendered(ILoggingEvent event) {
        Encoder<ILoggingEvent> encoder = ((OutputStreamAppender<ILoggingEvent>) root.getAppender("STDERR")).getEncoder();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private static String text(ILoggingEvent event) {
        String text = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            text += ThrowableProxyUtil.asString(event.getThrowableProxy());
        }
        return text;
    }

    private static List<String> jmxText() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<String> values = new ArrayList<>();
        for (String domain : List.of("marketlake:*", "org.apache.camel:*")) {
            for (ObjectName name : server.queryNames(new ObjectName(domain), null)) {
                values.add(name.toString());
                for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                    try {
                        Object value = server.getAttribute(name, attribute.getName());
                        if (value != null) {
                            values.add(String.valueOf(value));
                        }
                    } catch (Exception | LinkageError notReadable) {
                        // some Camel attributes cannot be read outside a running exchange
                    }
                }
            }
        }
        return values;
    }
}
