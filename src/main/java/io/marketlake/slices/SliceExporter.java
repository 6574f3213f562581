package io.marketlake.slices;

import io.marketlake.Market;
import io.marketlake.Markets;
import io.marketlake.lake.LakeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports windows of candles around alert times from the lake as a sealed, reproducible run (SPEC §6):
 * {@code runs/run_id=<id>/slices/ohlcv/interval=<i>/window=<w>/bucket=<hh>/part-0000.parquet},
 * {@code outputs/coverage.parquet}, then {@code manifest.json} last (temp name, then rename). Nothing in a run
 * depends on the clock or the machine, so the same config over the same lake gives the same bytes.
 */
public final class SliceExporter {

    private static final Logger LOG = LoggerFactory.getLogger(SliceExporter.class);

    private final LakeReader lake;
    private final Path runsRoot;
    private final Set<String> markets;

    public SliceExporter(LakeReader lake, Path runsRoot, Markets markets) {
        this.lake = lake;
        this.runsRoot = runsRoot;
        this.markets = markets.all().stream().map(Market::code).collect(Collectors.toUnmodifiableSet());
    }

    /** The steps of an export, in order, each told as done with what it found ({@link #export(Path, Steps)}). */
    public static final int STEPS = 5;

    /** Told of each step of an export as it is done. */
    public interface Steps {
        void done(String step, String detail);
    }

    /** Exports the run a config file describes and returns its directory. */
    public Path export(Path configFile) {
        return export(configFile, (step, detail) -> { });
    }

    /** As {@link #export(Path)}, telling {@code steps} of each of its {@link #STEPS} steps. */
    public Path export(Path configFile, Steps steps) {
        String text;
        try {
            text = Files.readString(configFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SliceConfigException("cannot read the run config " + configFile + ": " + e.getMessage());
        }
        return export(text, configFile.toAbsolutePath().getParent(), steps);
    }

    /** A run config dropped in the inbox: its alerts path is relative to the inbox. */
    public String exportDropped(@Body String configText, @Header(Exchange.FILE_PARENT) String directory) {
        return export(configText, Path.of(directory).toAbsolutePath()).toString();
    }

    /** Exports the run a config (JSON text) describes; relative paths in it are against {@code base}. */
    public Path export(String configText, Path base) {
        return export(configText, base, (step, detail) -> { });
    }

    private Path export(String configText, Path base, Steps steps) {
        SliceConfig config = SliceConfig.parse(configText, base, markets, lake.dataTypes());
        List<Alert> alerts = AlertsReader.read(config.alerts());
        steps.done("alerts", alerts.size() + " read");
        CandleBuffer candles = CandleBuffer.read(lake, config, AlertWindows.of(alerts, config));
        steps.done("candles", "from " + candles.files().size() + " lake files");
        Manifest manifest = new Manifest(config, configText, alerts.size(), lake.root(), candles.files());
        RunWriter run = RunWriter.prepare(runsRoot.resolve("run_id=" + manifest.runId()));
        try {
            Coverage coverage = Coverage.of(alerts, candles, config);
            steps.done("coverage", coverage.kept() + " of " + coverage.rows().size() + " alerts kept");
            long sliceRows = SliceFiles.write(run, config, candles, AlertWindows.of(coverage.keptAlerts(), config));
            steps.done("slices", sliceRows + " candles written");
            coverage.write(run, config);
            run.seal(manifest.bytes(run, coverage, sliceRows));
            steps.done("manifest", "run sealed");
            LOG.info("Exported slices run {}: {} alerts, {} candles, {} kept, {} dropped", manifest.runId(),
                    coverage.rows().size(), sliceRows, coverage.kept(), coverage.rows().size() - coverage.kept());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write slices run " + run.dir(), e);
        }
        return run.dir();
    }
}
