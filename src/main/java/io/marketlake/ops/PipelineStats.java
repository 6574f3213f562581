package io.marketlake.ops;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ManagementAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's own figures per source and market, each an MBean registered through Camel's management agent
 * under the context's domain, {@code org.apache.camel:context=<context>,type=marketlake,source=<s>,market=<m>},
 * beside Camel's route MBeans, and unregistered with them when the context stops.
 */
public final class PipelineStats {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineStats.class);

    /** Where a source's MBean goes once its figures exist. */
    public interface Registrar {
        void register(SourceStats stats) throws JMException;
    }

    private final Clock clock;
    private final Registrar registrar;
    private final Supplier<Freshness> freshness;
    private final Map<String, SourceStats> stats = new ConcurrentHashMap<>();

    /** Figures without freshness, registered on the platform MBean server under {@code marketlake:} (tests). */
    public PipelineStats(Clock clock) {
        this(clock, platform(ManagementFactory.getPlatformMBeanServer()), () -> null);
    }

    public PipelineStats(Clock clock, Registrar registrar, Supplier<Freshness> freshness) {
        this.clock = clock;
        this.registrar = registrar;
        this.freshness = freshness;
    }

    /** Camel's way: through the context's management agent (none when JMX is off), in its domain. */
    public static Registrar camel(CamelContext context) {
        return sourceStats -> {
            ManagementAgent agent = context.getManagementStrategy() == null ? null
                    : context.getManagementStrategy().getManagementAgent();
            if (agent != null) {
                agent.register(sourceStats, new ObjectName(agent.getMBeanObjectDomainName() + ":context="
                        + context.getManagementName() + ",type=marketlake,source=" + sourceStats.getSource()
                        + ",market=" + sourceStats.getMarket()));
            }
        };
    }

    static Registrar platform(MBeanServer server) {
        return sourceStats -> {
            ObjectName name = new ObjectName("marketlake:type=Pipeline,source=" + sourceStats.getSource() + ",market="
                    + sourceStats.getMarket());
            // A later context in the same JVM (tests, a restarted main) takes the name over.
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(sourceStats, name);
        };
    }

    public void success(String source, String market, long rowsWritten, long rowsRejected) {
        of(source, market).success(rowsWritten, rowsRejected);
    }

    public void deadLetter(String source, String market, String reason) {
        of(source, market).deadLetter(reason);
    }

    public SourceStats of(String source, String market) {
        return stats.computeIfAbsent(source + "/" + market, key -> register(new SourceStats(source, market, clock,
                () -> feed(source, market))));
    }

    private Freshness.Feed feed(String source, String market) {
        Freshness watched = freshness.get();
        return watched == null || !watched.sources().contains(source) ? null : watched.of(source, market);
    }

    private SourceStats register(SourceStats sourceStats) {
        try {
            registrar.register(sourceStats);
        } catch (JMException | RuntimeException e) {
            LOG.warn("Cannot register the JMX bean of {}/{}: {}", sourceStats.getSource(), sourceStats.getMarket(),
                    e.getMessage());
        }
        return sourceStats;
    }
}
