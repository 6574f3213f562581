package io.marketlake;

import io.marketlake.cli.MarketlakeCommand;

/** Entry point of the jar: the command line decides what runs. */
public final class MarketlakeApplication {

    private MarketlakeApplication() {
    }

    public static void main(String[] args) {
        System.exit(MarketlakeCommand.execute(args));
    }
}
