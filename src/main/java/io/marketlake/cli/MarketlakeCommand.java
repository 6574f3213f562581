package io.marketlake.cli;

import io.marketlake.ConfigurationException;
import io.marketlake.Failures;
import io.marketlake.Marketlake;
import io.marketlake.SafeNames;
import io.marketlake.ops.LogConfiguration;
import io.marketlake.ops.Redactor;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code marketlake [--home DIR] <command>}. Results go to stdout, logs and progress to stderr, so output can be
 * piped. Exit codes: 0 success, 1 data rejected or partly failed, 2 usage or configuration error.
 */
@Command(name = "marketlake", mixinStandardHelpOptions = true, version = "marketlake 0.1.0",
        description = "Market data lake and point-in-time feature store.",
        subcommands = {RunCommand.class, IngestCommand.class, BackfillCommand.class, FeaturesCommand.class,
                LakeCommand.class, SlicesCommand.class, TradingCommand.class, DlqCommand.class, StatusCommand.class})
public final class MarketlakeCommand {

    public static final int OK = 0;
    public static final int DATA_REJECTED = 1;
    public static final int USAGE = 2;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Holds lake/, features.db and dead/ (default: marketlake.home, ./data).")
    String home;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Log at INFO on stderr; commands other than run log warnings and errors only.")
    boolean verbose;

    /** Runs a command line and returns its exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        MarketlakeCommand root = new MarketlakeCommand();
        CommandLine commandLine = new CommandLine(root);
        // people read a command's result, not Camel's start-up: below WARN only for the daemon or with --verbose
        commandLine.setExecutionStrategy(parsed -> {
            boolean daemon = parsed.subcommand() != null && parsed.subcommand().commandSpec().name().equals("run");
            try (LogConfiguration.Levels levels = LogConfiguration.quietUnless(daemon || root.verbose)) {
                return new CommandLine.RunLast().execute(parsed);
            }
        });
        // a mistyped command line is one line and status 2, not the whole usage text
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("marketlake: " + Redactor.global().redact(e.getMessage()) + " (see "
                    + failed.getCommandSpec().qualifiedName() + " --help)");
            failed.getErr().flush();
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            RuntimeException failure = Failures.unwrap(e);
            if (failure instanceof ConfigurationException) {
                cmd.getErr().println("marketlake: " + Redactor.global().redact(failure.getMessage()));
                return USAGE;
            }
            LoggerFactory.getLogger(MarketlakeCommand.class).error("Command failed", e);
            cmd.getErr().println("marketlake: " + Redactor.global().redact(failure.getMessage()));
            return DATA_REJECTED;
        });
        return commandLine;
    }

    /** Properties the command line imposes over every other source. */
    Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>();
        if (home != null) {
            overrides.put("marketlake.home", SafeNames.home("--home", home).toString());
        }
        return overrides;
    }

    Marketlake start() {
        return Marketlake.start(overrides());
    }

    /** The stores for a command that only reads them: no route, no Camel start-up. */
    Marketlake open() {
        return Marketlake.open(overrides());
    }
}
