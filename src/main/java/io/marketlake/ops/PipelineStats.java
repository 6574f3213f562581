package io.marketlake.ops;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's own figures per source and market, each an MBean
 * {@code marketlake:type=Pipeline,source=<source>,market=<market>} beside Camel's route MBeans.
 */
public final class PipelineStats {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineStats.class);

    private final Clock clock;
    private final MBeanServer server;
    private final Map<String, SourceStats> stats = new ConcurrentHashMap<>();

    public PipelineStats(Clock clock) {
        this(clock, ManagementFactory.getPlatformMBeanServer());
    }

    PipelineStats(Clock clock, MBeanServer server) {
        this.clock = clock;
        this.server = server;
    }

    public void success(String source, String market, long rowsWritten, long rowsRejected) {
        of(source, market).success(rowsWritten, rowsRejected);
    }

    public void deadLetter(String source, String market, String reason) {
        of(source, market).deadLetter(reason);
    }

    public SourceStats of(String source, String market) {
        return stats.computeIfAbsent(source + "/" + market, key -> register(new SourceStats(source, market, clock)));
    }

    public static ObjectName objectName(String source, String market) throws JMException {
        return new ObjectName("marketlake:type=Pipeline,source=" + source + ",market=" + market);
    }

    private SourceStats register(SourceStats sourceStats) {
        try {
            ObjectName name = objectName(sourceStats.getSource(), sourceStats.getMarket());
            // A later context in the same JVM (tests, a restarted main) takes the name over.
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(sourceStats, name);
        } catch (JMException e) {
            LOG.warn("Cannot register the JMX bean of {}/{}: {}", sourceStats.getSource(), sourceStats.getMarket(),
                    e.getMessage());
        }
        return sourceStats;
    }
}
