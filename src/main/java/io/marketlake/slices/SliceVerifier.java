package io.marketlake.slices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a run directory against its manifest: sealed (a manifest is there), every listed output present with
 * its hash and row count, and no other file. A run without a manifest is unfinished.
 */
public final class SliceVerifier {

    /** The verdict: problems empty means the run is sealed and intact. */
    public record Verification(Path run, boolean sealed, List<String> problems) {
        public boolean ok() {
            return sealed && problems.isEmpty();
        }
    }

    private SliceVerifier() {
    }

    public static Verification verify(Path run) {
        if (!Files.isDirectory(run)) {
            return new Verification(run, false, List.of("no run directory " + run));
        }
        Path manifestFile = run.resolve(Manifest.FILE);
        if (!Files.exists(manifestFile)) {
            return new Verification(run, false, List.of("unfinished: no " + Manifest.FILE
                    + " (the export did not complete; exporting the same config again replaces this run)"));
        }
        List<String> problems = new ArrayList<>();
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(manifestFile.toFile());
        } catch (IOException e) {
            return new Verification(run, false, List.of("manifest.json is not readable JSON: " + e.getMessage()));
        }
        if (!manifest.path("sealed").asBoolean(false)) {
            problems.add("manifest.json does not say sealed");
        }
        Set<Path> listed = new HashSet<>();
        for (JsonNode output : manifest.path("outputs")) {
            String relative = output.path("path").asText();
            Path file = run.resolve(relative).normalize();
            if (!file.startsWith(run)) {
                problems.add("output path " + relative + " points outside the run");
                continue;
            }
            listed.add(file);
            if (!Files.isRegularFile(file)) {
                problems.add("missing: " + relative);
                continue;
            }
            String sha256 = Hashes.sha256(file);
            if (!sha256.equals(output.path("sha256").asText())) {
                problems.add("changed: " + relative + " (sha256 " + sha256 + ", manifest says "
                        + output.path("sha256").asText() + ")");
                continue;
            }
            long rows = Hashes.parquetRows(file);
            if (rows != output.path("rows").asLong(-1)) {
                problems.add("rows of " + relative + ": " + rows + ", manifest says " + output.path("rows").asText());
            }
        }
        try (Stream<Path> files = Files.walk(run)) {
            files.filter(Files::isRegularFile).filter(f -> !f.equals(manifestFile)).filter(f -> !listed.contains(f))
                    .sorted().forEach(f -> problems.add("not in the manifest: " + run.relativize(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Verification(run, true, problems);
    }
}
