package io.marketlake.cli;

import io.marketlake.Marketlake;
import io.marketlake.Settings;
import io.marketlake.databento.DatabentoAuth;
import io.marketlake.ingest.BatchLedger;
import io.marketlake.ingest.Ingestion;
import io.marketlake.ops.DeadLetter;
import io.marketlake.ops.DeadLetterArchive;
import io.marketlake.ops.DeadLetterReplay;
import io.marketlake.ops.ReplayBatch;
import io.marketlake.ops.ReplayChoice;
import io.marketlake.slices.SliceExporter;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dlq list} and {@code dlq replay}: the dead letters waiting in {@code <home>/dead/}, and their replay. */
@Command(name = "dlq", description = "Dead letters: list those waiting, replay them through their pipeline.")
final class DlqCommand {

    private static final int REASON_WIDTH = 70;
    private static final Listing<DeadLetter> LETTERS = new Listing<DeadLetter>()
            .column("id", DeadLetter::id)
            .column("source", DeadLetter::source)
            .column("market", DeadLetter::market)
            .column("trading_date", DeadLetter::tradingDate, "date", DeadLetter::tradingDate)
            .column("failed_at", DeadLetter::failedAt, "failed_at", l -> seconds(l.failedAt()))
            .column("reason", DeadLetter::reason, "reason", l -> abbreviate(l.reason()))
            .jsonOnly("payload_kind", l -> l.payloadKind().json())
            .jsonOnly("path", DeadLetter::relativePath);

    @ParentCommand
    MarketlakeCommand root;

    @Spec
    CommandSpec spec;

    @Command(name = "list", description = "The waiting dead letters (not replayed), oldest first.")
    int list(@Option(names = "--source", description = "Only this source: futures (futures_1h, futures_1m, "
            + "futures_1s: intraday bars), options, cot, trading or slices.")
            String source, @Option(names = "--json", description = "JSON instead of a table.") boolean json) {
        List<DeadLetter> letters = ReplayChoice.ofSource(archive().waiting(), source);
        LETTERS.print(spec.commandLine().getOut(), letters, json);
        return MarketlakeCommand.OK;
    }

    /** One letter or all of them. */
    static final class Which {

        @Option(names = "--id", required = true, description = "The letter's id, as dlq list shows it.")
        String id;

        @Option(names = "--all", required = true, description = "Every waiting letter (of --source, if given).")
        boolean all;
    }

    @Command(name = "replay", description = "Re-drive dead letters through their pipeline; replayed ones move to "
            + "dead/.replayed/.")
    int replay(@ArgGroup(exclusive = true, multiplicity = "1") Which which,
            @Option(names = "--source", description = "Only this source: futures (futures_1h, futures_1m, "
                    + "futures_1s: intraday bars), options, cot, trading or slices.")
            String source) {
        PrintWriter out = spec.commandLine().getOut();
        DeadLetterArchive archive = archive();
        ReplayChoice.Chosen chosen = ReplayChoice.forReplay(archive, which.id, source);
        if (chosen.replayedAt() != null) {
            out.println(which.id + ": replayed already (dead/" + chosen.replayedAt() + ")");
            out.flush();
            return MarketlakeCommand.OK;
        }
        if (chosen.letters().isEmpty()) {
            out.println("no waiting dead letters" + (source == null ? "" : " of " + source));
            out.flush();
            return MarketlakeCommand.OK;
        }
        ReplayBatch.Tally tally;
        try (Marketlake marketlake = root.start()) {
            marketlake.requireRoute("dead-letter");
            if (chosen.asksDatabento()) {
                marketlake.bean("databentoAuth", DatabentoAuth.class).requireKey();
            }
            Settings settings = marketlake.settings();
            DeadLetterReplay replay = new DeadLetterReplay(archive, marketlake.bean("ingestion", Ingestion.class),
                    marketlake.bean("batchLedger", BatchLedger.class),
                    marketlake.bean("sliceExporter", SliceExporter.class), settings.markets(), settings.home());
            tally = ReplayBatch.replay(replay, chosen.letters(), result -> {
                out.println(line(result));
                out.flush();
            });
        }
        out.println(tally.replayed() + " replayed, " + tally.completeAlready() + " complete already, "
                + tally.failed() + " failed");
        out.flush();
        return tally.clean() ? MarketlakeCommand.OK : MarketlakeCommand.DATA_REJECTED;
    }

    private static String line(DeadLetterReplay.Result result) {
        DeadLetter letter = result.letter();
        String head = letter.id() + ": ";
        String what = letter.source() + " " + letter.market() + " " + letter.tradingDate();
        return switch (result.status()) {
            case REPLAYED -> head + "replayed, " + (result.outcome() != null && result.outcome().report() != null
                    ? Reports.line(letter.source(), result.outcome()) : what + ": " + result.detail());
            case COMPLETE_ALREADY -> head + what + ": complete already";
            case FAILED -> head + what + ": FAILED again: " + result.detail() + (result.newLetter() == null
                    ? " (letter kept)" : " (dead-lettered as " + result.newLetter() + ", which supersedes this one)");
        };
    }

    private DeadLetterArchive archive() {
        return new DeadLetterArchive(Marketlake.home(root.overrides()).resolve("dead"), Clock.systemUTC());
    }

    private static String seconds(String instant) {
        try {
            return Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (RuntimeException notAnInstant) {
            return instant;
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= REASON_WIDTH ? oneLine : oneLine.substring(0, REASON_WIDTH - 3) + "...";
    }
}
