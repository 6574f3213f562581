package io.marketlake.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The command line run in process as a user types it, with what it printed to stdout and stderr. */
public final class Cli {

    /** One run: its exit code and its two streams. */
    public record Run(int exit, String out, String err) {
    }

    private Cli() {
    }

    public static Run run(String... args) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine commandLine = MarketlakeCommand.commandLine();
        commandLine.setOut(new PrintWriter(stdout, true));
        commandLine.setErr(new PrintWriter(stderr, true));
        int exit = commandLine.execute(args);
        return new Run(exit, stdout.toString(), stderr.toString());
    }

    /** {@code marketlake --home <home> args...}. */
    public static Run inHome(java.nio.file.Path home, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return run(all);
    }
}
