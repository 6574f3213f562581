package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** Log lines as the operator reads them, rendered by the STDERR encoder (LogConfiguration), never show the key. */
class LogRedactionTest {

    private static final String KEY = RedactorTest.KEY;
    private static final String TOKEN = RedactorTest.TOKEN;
    private static final List<String> FORMS = List.of(KEY, TOKEN,
            RedactorTest.base64(Base64.getEncoder().withoutPadding(), KEY),
            RedactorTest.percentEncoded(KEY, true), RedactorTest.jsonEscaped(KEY));

    private final Logger logger = (Logger) LoggerFactory.getLogger(LogRedactionTest.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void captureEveryLevel() {
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        // rendered below with the console's encoder; printing them too would only clutter the build output
        logger.setAdditive(false);
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void stopCapturing() {
        logger.detachAppender(events);
        logger.setAdditive(true);
        logger.setLevel(null);
    }

    @ParameterizedTest
    @EnumSource(value = Level.class, names = {"DEBUG", "INFO", "ERROR"})
    void a_message_echoing_the_key_is_masked(Level level) {
        logger.atLevel(level).log("Databento answered 401: {}", "{\"detail\":\"key " + KEY + " (Basic " + TOKEN
                + ") is not valid; as sent: " + String.join(" ", FORMS) + "\"}");

        assertThat(rendered()).contains(level + " ", "Databento answered 401: {\"detail\":\"key *** (Basic ***)")
                .satisfies(RedactionAssert::containsNoForm);
    }

    @ParameterizedTest
    @EnumSource(value = Level.class, names = {"DEBUG", "INFO", "ERROR"})
    void an_exception_and_its_cause_echoing_the_key_are_masked_in_the_stack_trace(Level level) {
        Exception failure = new IllegalStateException("request failed for key " + KEY,
                new IOException("vendor echoed Authorization: Basic " + TOKEN + " and " + String.join(" ", FORMS)));

        logger.atLevel(level).setCause(failure).log("Ingest of HE failed");

        assertThat(rendered()).contains("Ingest of HE failed", "java.lang.IllegalStateException: request failed for key ***",
                        "Caused by: java.io.IOException: vendor echoed Authorization: Basic ***",
                        "at io.marketlake.ops.LogRedactionTest")
                .satisfies(RedactionAssert::containsNoForm);
    }

    /** The events, as the STDERR appender (LogConfiguration) would write them. */
    private String rendered() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(console).as("the STDERR appender (LogConfiguration)").isNotNull();
        assertThat(events.list).hasSize(1);
        return new String(console.getEncoder().encode(events.list.get(0)), StandardCharsets.UTF_8);
    }

    /** None of the echo forms of the key, in whatever the caller renders. */
    static final class RedactionAssert {

        private RedactionAssert() {
        }

        static void containsNoForm(String text) {
            for (String form : FORMS) {
                assertThat(text).doesNotContain(form);
            }
        }
    }
}
