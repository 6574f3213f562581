package io.marketlake.slices;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
        this.lakeFiles = files(lakeRoot, lakeFiles);
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
        manifest.set("outputs", files(run.dir(), run.outputs()));
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

    /** Files as the manifest lists them: path relative to {@code root} with '/' separators, sha256, rows. */
    private static ArrayNode files(Path root, List<Path> files) {
        // hundreds of files: hashed and counted on the lake's threads, listed in order
        List<java.util.concurrent.Callable<Listed>> reads = new java.util.ArrayList<>();
        for (Path file : files) {
            reads.add(() -> new Listed(Hashes.sha256(file), Hashes.parquetRows(file)));
        }
        List<Listed> read = io.marketlake.lake.LakeThreads.all(reads);
        ArrayNode entries = JSON.createArrayNode();
        for (int i = 0; i < files.size(); i++) {
            ObjectNode entry = entries.addObject();
            entry.put("path", root.relativize(files.get(i)).toString().replace('\\', '/'));
            entry.put("sha256", read.get(i).sha256());
            entry.put("rows", read.get(i).rows());
        }
        return entries;
    }

    /** What the manifest says of a file besides its path. */
    private record Listed(String sha256, long rows) {
    }
}
