package io.marketlake.cli;

import io.marketlake.Marketlake;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** The daemon: every route of routes/*.yaml with its Quartz schedules, until SIGTERM. */
@Command(name = "run", description = "Run the scheduled pipelines until stopped (SIGTERM stops gracefully).")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    MarketlakeCommand root;

    @Override
    public Integer call() throws Exception {
        Marketlake.create(root.overrides()).runUntilStopped();
        return MarketlakeCommand.OK;
    }
}
