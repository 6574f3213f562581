package io.marketlake.slices;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.lake.LakeThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A run's manifest.json, so a run can be checked and reproduced: its inputs and outputs, each file with hash and
 * row count; nothing in it depends on the clock or the machine.
 */
final class Manifest {

    static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SliceConfig config;
    private final String configText;
    private final int alerts;
    private final String alertsHash;
    private final ArrayNode lakeFiles;
    private final String runId;

    /** The inputs of a run: its config, how many alerts the alerts file held, and the lake files read. */
    Manifest(SliceConfig config, String configText, int alerts, Path lakeRoot, List<Path> lakeFiles) {
        this.config = config;
        this.configText = configText;
        this.alerts = alerts;
        this.alertsHash = Hashes.sha256(config.alerts());
        this.lakeFiles = entries(lakeRoot, listed(lakeFiles));
        this.runId = config.runId() != null ? config.runId()
                : "run-" + Hashes.sha256(config.spec().toString() + "|" + alertsHash + "|" + this.lakeFiles)
                        .substring(0, 16);
    }

    /** The config's run_id, or one derived from the inputs. */
    String runId() {
        return runId;
    }

    /** The manifest of a run whose outputs are all placed. */
    byte[] bytes(RunWriter run, Coverage coverage, long sliceRows) throws IOException {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", "marketlake-slices/1");
        manifest.put("run_id", runId);
        manifest.put("sealed", true);
        manifest.set("spec", config.spec());
        ObjectNode inputs = manifest.putObject("inputs");
        inputs.put("config_sha256", Hashes.sha256(configText));
        ObjectNode alertsEntry = inputs.putObject("alerts");
        alertsEntry.put("file", config.alerts().getFileName().toString());
        alertsEntry.put("sha256", alertsHash);
        alertsEntry.put("rows", alerts);
        ObjectNode lakeState = manifest.putObject("lake");
        lakeState.put("data_type", config.dataType());
        lakeState.put("market", config.market());
        lakeState.put("versions", "newest batch per trading date");
        lakeState.set("files", lakeFiles);
        manifest.set("outputs", entries(run.dir(), run.outputs()));
        ObjectNode summary = manifest.putObject("coverage");
        summary.put("alerts", coverage.rows().size());
        for (String status : List.of(Coverage.COMPLETE, Coverage.PARTIAL, Coverage.INSUFFICIENT)) {
            summary.put(status, coverage.count(status));
        }
        summary.put("kept", coverage.kept());
        summary.put("dropped", coverage.rows().size() - coverage.kept());
        summary.put("slice_rows", sliceRows);
        return JSON.writeValueAsBytes(manifest);
    }

    /** The lake files read, hashed and counted (several at once on the lake's threads), in order. */
    private static List<ListedFile> listed(List<Path> files) {
        List<Callable<ListedFile>> reads = new ArrayList<>();
        for (Path file : files) {
            reads.add(() -> new ListedFile(file, Hashes.sha256(file), Hashes.parquetRows(file)));
        }
        return LakeThreads.all(reads);
    }

    /** Files as the manifest lists them: path relative to {@code root} with '/' separators, sha256, rows. */
    private static ArrayNode entries(Path root, List<ListedFile> files) {
        ArrayNode entries = JSON.createArrayNode();
        for (ListedFile file : files) {
            ObjectNode entry = entries.addObject();
            entry.put("path", root.relativize(file.file()).toString().replace('\\', '/'));
            entry.put("sha256", file.sha256());
            entry.put("rows", file.rows());
        }
        return entries;
    }
}
