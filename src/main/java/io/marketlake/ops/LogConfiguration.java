package io.marketlake.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The logging set-up, in code rather than logback.xml: parsing XML took a third of a second of every command's
 * start. Everything goes to stderr (stdout carries only a command's result, so it can be piped); {@code %msg} and
 * {@code %ex} mask the API key in every form a vendor may echo it (Redactor). An operator's own file still wins:
 * with {@code -Dlogback.configurationFile=...} this steps aside.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{30} - %msg%n%ex";

    private static final Map<String, Level> LEVELS = Map.ofEntries(
            Map.entry("org.apache.camel", Level.WARN),
            // keeps "Apache Camel ... started in ..." and the shutdown lines
            Map.entry("org.apache.camel.impl.engine.AbstractCamelContext", Level.INFO),
            Map.entry("org.apache.camel.main", Level.WARN),
            Map.entry("org.apache.hadoop", Level.ERROR),
            Map.entry("org.apache.parquet", Level.WARN),
            Map.entry("org.quartz", Level.WARN),
            // a clustered daemon says when it finds another one dead and takes over its triggers
            Map.entry("org.quartz.impl.jdbcjobstore.JobStoreTX", Level.INFO),
            // says "Cannot find a complete checkpoint" for every table younger than its first checkpoint
            Map.entry("io.delta.kernel.internal.snapshot.SnapshotManager", Level.ERROR),
            // the HTTP client's header and wire logs would print the Authorization header (the API key, base64)
            Map.entry("org.apache.hc.client5.http.headers", Level.OFF),
            Map.entry("org.apache.hc.client5.http.wire", Level.OFF));

    /** Levels changed for one command, put back when it ends (tests run many commands in one JVM). */
    public interface Levels extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Unless {@code verbose}, raises every logger that would write INFO (Camel's start and stop lines included) to
     * WARN until the returned levels are closed.
     */
    public static Levels quietUnless(boolean verbose) {
        if (verbose || !(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> { };
        }
        Map<ch.qos.logback.classic.Logger, Level> before = new java.util.HashMap<>();
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            Level level = logger.getLevel();
            if (level != null && level.toInt() < Level.WARN_INT) {
                before.put(logger, level);
                logger.setLevel(Level.WARN);
            }
        }
        return () -> before.forEach(ch.qos.logback.classic.Logger::setLevel);
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayout layout = new PatternLayout();
        layout.getInstanceConverterMap().put("msg", RedactedMessageConverter::new);
        layout.getInstanceConverterMap().put("ex", RedactedThrowableConverter::new);
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
