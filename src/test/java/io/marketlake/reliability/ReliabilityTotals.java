package io.marketlake.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * After the whole test run, adds up what the reliability tests recorded in target/reliability/ (faults injected,
 * crash points survived, hostile inputs tried, rows lost or doubled, key leaks) and prints one line, so the CI log
 * carries the figures the README quotes.
 */
public final class ReliabilityTotals implements TestExecutionListener {

    private static final Path DIR = Path.of("target", "reliability");

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!Files.isDirectory(DIR)) {
            return;
        }
        try {
            ObjectMapper json = new ObjectMapper();
            long faults = 0;
            long lost = 0;
            long doubled = 0;
            long leaks = 0;
            long crashes = 0;
            long hostile = 0;
            Path faultsFile = DIR.resolve("faults.json");
            if (Files.exists(faultsFile)) {
                for (Iterator<Map.Entry<String, JsonNode>> it = json.readTree(faultsFile.toFile()).fields(); it.hasNext(); ) {
                    JsonNode test = it.next().getValue();
                    faults += test.has("fault") ? 1 : 0;
                    lost += test.path("rows_lost").asLong();
                    doubled += test.path("rows_doubled").asLong();
                    leaks += test.path("key_leaks").asLong();
                }
            }
            Path crashFile = DIR.resolve("crash-points.json");
            if (Files.exists(crashFile)) {
                for (JsonNode flow : json.readTree(crashFile.toFile())) {
                    crashes += flow.path("survived").asLong();
                    lost += flow.path("rows_lost").asLong();
                    doubled += flow.path("rows_doubled").asLong();
                }
            }
            Path hostileFile = DIR.resolve("hostile.json");
            if (Files.exists(hostileFile)) {
                hostile = json.readTree(hostileFile.toFile()).path("hostile_inputs").asLong();
            }
            String line = "reliability totals: faults injected " + faults + ", crash points survived " + crashes
                    + ", hostile inputs tried " + hostile + ", rows lost " + lost + ", rows doubled " + doubled
                    + ", key leaks " + leaks;
            Files.writeString(DIR.resolve("totals.txt"), line + "\n");
            System.out.println(line);
        } catch (IOException e) {
            System.out.println("reliability totals: cannot read " + DIR + ": " + e.getMessage());
        }
    }
}
