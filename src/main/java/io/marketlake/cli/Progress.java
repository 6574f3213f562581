package io.marketlake.cli;

import java.io.PrintWriter;

/**
 * Progress of a long command on stderr: a bar redrawn in place on a terminal, one plain line per step
 * otherwise (logs, pipes, CI), so stdout keeps only the result.
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final String label;
    private final int total;
    private int done;

    Progress(PrintWriter err, boolean terminal, String label, int total) {
        this.err = err;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
    }

    /** A bar when a person is watching (a console), lines otherwise. */
    static Progress on(PrintWriter err, String label, int total) {
        return new Progress(err, System.console() != null, label, total);
    }

    void step(String item, String status) {
        done++;
        if (terminal) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            err.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                    + " " + item + " " + status + "\u001b[K");
            if (done == total) {
                err.println();
            }
        } else {
            err.println(label + " " + done + "/" + total + " " + item + " " + status);
        }
        err.flush();
    }
}
