package io.marketlake.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.ConfigurationException;
import io.marketlake.Marketlake;
import io.marketlake.Settings;
import io.marketlake.databento.DatabentoAuth;
import io.marketlake.ingest.BatchLedger;
import io.marketlake.ingest.Ingestion;
import io.marketlake.ops.DeadLetter;
import io.marketlake.ops.DeadLetterArchive;
import io.marketlake.ops.DeadLetterReplay;
import io.marketlake.slices.SliceExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dlq list} and {@code dlq replay}: the dead letters waiting in {@code <home>/dead/}, and their replay. */
@Command(name = "dlq", description = "Dead letters: list those waiting, replay them through their pipeline.")
final class DlqCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REASON_WIDTH = 70;

    @ParentCommand
    MarketlakeCommand root;

    @Spec
    CommandSpec spec;

    @Command(name = "list", description = "The waiting dead letters (not replayed), oldest first.")
    int list(@Option(names = "--source", description = "Only this source: futures, options, cot, trading or slices.")
            String source, @Option(names = "--json", description = "JSON instead of a table.") boolean json) {
        List<DeadLetter> letters = ofSource(archive().waiting(), source);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode array = JSON.createArrayNode();
            for (DeadLetter letter : letters) {
                ObjectNode node = array.addObject();
                node.put("id", letter.id());
                node.put("source", letter.source());
                node.put("market", letter.market());
                node.put("trading_date", letter.tradingDate());
                node.put("failed_at", letter.failedAt());
                node.put("reason", letter.reason());
                node.put("payload_kind", letter.payloadKind().json());
                node.put("path", letter.relativePath());
            }
            out.println(array.toPrettyString());
        } else {
            TextTable table = new TextTable("id", "source", "market", "date", "failed_at", "reason");
            letters.forEach(l -> table.row(l.id(), l.source(), l.market(), l.tradingDate(), seconds(l.failedAt()),
                    abbreviate(l.reason())));
            table.print(out);
        }
        out.flush();
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
            @Option(names = "--source", description = "Only this source: futures, options, cot, trading or slices.")
            String source) {
        PrintWriter out = spec.commandLine().getOut();
        DeadLetterArchive archive = archive();
        List<DeadLetter> letters;
        if (which.id != null) {
            DeadLetter letter = waitingLetter(archive, which.id, out);
            if (letter == null) {
                return MarketlakeCommand.OK;
            }
            if (source != null && !ofSource(List.of(letter), source).contains(letter)) {
                throw new ConfigurationException("dead letter " + which.id + " is a " + letter.source()
                        + " letter, not " + source);
            }
            letters = List.of(letter);
        } else {
            letters = ofSource(archive.waiting(), source);
        }
        archive.finishInterruptedMoves();
        if (letters.isEmpty()) {
            out.println("no waiting dead letters" + (source == null ? "" : " of " + source));
            out.flush();
            return MarketlakeCommand.OK;
        }
        int replayed = 0;
        int complete = 0;
        int failed = 0;
        boolean rejected = false;
        try (Marketlake marketlake = root.start()) {
            marketlake.requireRoute("dead-letter");
            if (letters.stream().anyMatch(DeadLetterReplay::asksDatabento)) {
                marketlake.bean("databentoAuth", DatabentoAuth.class).requireKey();
            }
            Settings settings = marketlake.settings();
            DeadLetterReplay replay = new DeadLetterReplay(archive, marketlake.bean("ingestion", Ingestion.class),
                    marketlake.bean("batchLedger", BatchLedger.class),
                    marketlake.bean("sliceExporter", SliceExporter.class), settings.markets(), settings.home());
            for (DeadLetter letter : letters) {
                DeadLetterReplay.Result result = replay.replay(letter);
                out.println(line(result));
                out.flush();
                switch (result.status()) {
                    case REPLAYED -> replayed++;
                    case COMPLETE_ALREADY -> complete++;
                    case FAILED -> failed++;
                }
                rejected |= result.outcome() != null && result.outcome().report() != null
                        && result.outcome().report().rowsRejected() > 0;
            }
        }
        out.println(replayed + " replayed, " + complete + " complete already, " + failed + " failed");
        out.flush();
        return failed > 0 || rejected ? MarketlakeCommand.DATA_REJECTED : MarketlakeCommand.OK;
    }

    /** The waiting letter an id names; null (having said so) when it was replayed already. */
    private static DeadLetter waitingLetter(DeadLetterArchive archive, String id, PrintWriter out) {
        DeadLetterArchive.Lookup lookup = archive.find(id);
        if (lookup instanceof DeadLetterArchive.Waiting waiting) {
            return waiting.letter();
        }
        if (lookup instanceof DeadLetterArchive.Replayed replayed) {
            out.println(id + ": replayed already (dead/" + replayed.relativePath() + ")");
            out.flush();
            return null;
        }
        if (lookup instanceof DeadLetterArchive.Superseded superseded) {
            throw new ConfigurationException("dead letter " + id + " is superseded by " + superseded.by()
                    + ", the letter its last replay failed into: replay that one");
        }
        throw new ConfigurationException("no dead letter " + id + " (see marketlake dlq list)");
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

    private static List<DeadLetter> ofSource(List<DeadLetter> letters, String source) {
        if (source == null) {
            return letters;
        }
        if (!DeadLetterReplay.SOURCES.contains(source)) {
            throw new ConfigurationException("unknown source '" + source + "': one of " + DeadLetterReplay.SOURCES);
        }
        return letters.stream().filter(l -> l.source().equals(source)).toList();
    }

    private DeadLetterArchive archive() {
        return new DeadLetterArchive(home().resolve("dead"), Clock.systemUTC());
    }

    /**
     * marketlake.home as the application resolves it (same locations, overrides, environment and system
     * properties), without starting the application: reading letters must not open the feature store or routes.
     */
    private Path home() {
        DefaultCamelContext context = new DefaultCamelContext(false);
        try {
            PropertiesComponent properties = context.getPropertiesComponent();
            properties.setLocation(Marketlake.PROPERTY_LOCATIONS);
            Properties overrides = new Properties();
            overrides.putAll(root.overrides());
            properties.setOverrideProperties(overrides);
            context.build();
            return new Settings(context).home();
        } finally {
            context.stop();
        }
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
