package io.marketlake.bench;

import io.marketlake.features.FeatureDataSources;
import io.marketlake.features.FeatureStore;
import io.marketlake.features.Staleness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code marketlake features at} as a user runs it, wall time with the JVM's start, on a store of 1,000,000 rows
 * (one market, 50 features × 20,000 as_of times); and the store's own lookup in this JVM, for where the time goes.
 *
 * <pre>mvn -B -q package -DskipTests && mvn -B -q -Pbench test-compile exec:exec@features-at   (7 command runs)</pre>
 */
public final class FeaturesAtBench {

    public static void main(String[] args) throws Exception {
        int features = Integer.getInteger("features", 50);
        int asOfs = Integer.getInteger("asofs", 20_000);
        Path home = Files.createTempDirectory("marketlake-at-bench-");
        DataSource dataSource = FeatureDataSources.create("jdbc:sqlite:" + home.resolve("features.db"));
        FeatureStore store = new FeatureStore(dataSource, Clock.systemUTC(), new Staleness(Map.of()));
        store.createSchema();
        BenchStore.fill(dataSource, features, asOfs, null);
        Instant at = BenchStore.START.plusMillis(asOfs * BenchStore.STEP_MS * 3 / 4);
        System.out.printf("store of %,d rows (%d features x %,d as_of times); asking at %s%n",
                (long) features * asOfs, features, asOfs, at);

        List<Double> lookups = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long start = System.nanoTime();
            int answered = store.at("HE", at).size();
            lookups.add((System.nanoTime() - start) / 1e6);
            if (answered != features) {
                throw new IllegalStateException("expected " + features + " features, got " + answered);
            }
        }
        System.out.printf("FeatureStore.at in this JVM (200 calls): median %.2f ms%n", median(lookups));

        // as users run it, the jar of mvn package, when there is one; else the same classes from the class path
        Path jar = Path.of("target/marketlake.jar");
        List<String> command = Files.isRegularFile(jar)
                ? List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), "io.marketlake.MarketlakeApplication");
        List<Double> walls = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            List<String> run = new ArrayList<>(command);
            run.addAll(List.of("--home", home.toString(), "features", "at", "--market", "HE", "--time",
                    at.toString()));
            ProcessBuilder builder = new ProcessBuilder(run)
                    .redirectErrorStream(true).redirectOutput(home.resolve("at.log").toFile());
            long start = System.nanoTime();
            int exit = builder.start().waitFor();
            walls.add((System.nanoTime() - start) / 1e9);
            long lines = Files.readAllLines(home.resolve("at.log")).stream().filter(l -> l.contains("feature.")).count();
            if (exit != 0 || lines != features) {
                Files.readAllLines(home.resolve("at.log")).forEach(System.out::println);
                throw new IllegalStateException("features at exited " + exit + " with " + lines + " feature lines");
            }
        }
        System.out.printf("marketlake features at (%s, a new JVM each, start included, 7 runs): median %.2f s,"
                + " best %.2f s%n", Files.isRegularFile(jar) ? "java -jar target/marketlake.jar" : "class path",
                median(walls), Collections.min(walls));
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
