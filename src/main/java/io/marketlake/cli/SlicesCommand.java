package io.marketlake.cli;

import io.marketlake.Marketlake;
import io.marketlake.slices.SliceExporter;
import io.marketlake.slices.SliceVerifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Backtest slices: export a run from a config, verify a run directory. */
@Command(name = "slices", description = "Export and verify sealed backtest slices.")
final class SlicesCommand {

    @ParentCommand
    MarketlakeCommand root;

    @Spec
    CommandSpec spec;

    @Command(name = "export", description = "Export the run a config describes; prints the run directory last.")
    int export(@Option(names = "--config", required = true, description = "Run config (JSON).") Path config) {
        Path run;
        try (Marketlake marketlake = root.start()) {
            Progress progress = Progress.on(spec.commandLine().getErr(), "slices export", SliceExporter.STEPS);
            run = marketlake.bean("sliceExporter", SliceExporter.class).export(config, progress::step);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(run.toAbsolutePath().normalize());
        out.flush();
        return MarketlakeCommand.OK;
    }

    @Command(name = "verify", description = "Check a run against its manifest: sealed, every file present and intact.")
    int verify(@Parameters(paramLabel = "RUN_DIR", description = "such as data/runs/run_id=X") Path run) {
        SliceVerifier.Verification verification = SliceVerifier.verify(run);
        PrintWriter out = spec.commandLine().getOut();
        if (verification.ok()) {
            out.println("sealed and intact: " + run);
        } else {
            out.println((verification.sealed() ? "NOT INTACT: " : "UNFINISHED: ") + run);
            verification.problems().forEach(problem -> out.println("  " + problem));
        }
        out.flush();
        return verification.ok() ? MarketlakeCommand.OK : MarketlakeCommand.DATA_REJECTED;
    }
}
