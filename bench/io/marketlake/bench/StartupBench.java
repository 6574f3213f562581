package io.marketlake.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Start-up as a user sees it, wall time from the process's launch, a new JVM each run (one warm-up run of each
 * first, then the median of {@code -Druns}, 5 by default, the three commands taking turns):
 * <ul>
 * <li>{@code startup-run}: {@code java -jar target/marketlake.jar run} until Camel logs "Apache Camel ...
 * (marketlake) started in" (every route started, schedules in place, the management port bound), then stopped
 * with SIGTERM (not timed);</li>
 * <li>{@code startup-features-at}: {@code java -jar target/marketlake.jar features at} on the 1,000,000-row store
 * of {@link BenchStore}, to its exit.</li>
 * </ul>
 * The reference of both is {@code java -jar target/marketlake.jar --help} in the same run: the same JVM, launcher,
 * 91 MB jar and main class, picocli parsing the line and printing the usage, nothing of Camel, the configuration or
 * SQLite. It is the floor every command of this jar pays before it does anything of its own, so the ratio says how
 * close a command comes to it (1 would be: nothing of marketlake's own in the start). A trivial main of the same
 * jar would leave out picocli, which every command needs; an empty JVM would leave out the jar's size and class
 * loading, which packaging could change but marketlake's code cannot.
 *
 * <p>Without target/marketlake.jar (no {@code mvn package}) the commands run from the class path instead, and say so.
 *
 * <pre>mvn -B -q package -DskipTests && mvn -B -q -Pbench test-compile exec:exec@startup</pre>
 */
public final class StartupBench {

    private static final Pattern STARTED = Pattern.compile("Apache Camel .*\\(marketlake\\) started in");

    public static void main(String[] args) throws Exception {
        BenchStore.Shared shared = BenchStore.shared(Integer.getInteger("features", 50),
                Integer.getInteger("asofs", 20_000));
        measure(shared, Integer.getInteger("runs", 5), true);
    }

    /** {@code features at} (and with {@code daemon}, {@code run}) against {@code --help}, {@code runs} times each. */
    static void measure(BenchStore.Shared shared, int runs, boolean daemon) throws Exception {
        Path dir = BenchFiles.fresh("startup");
        Path jar = Path.of("target/marketlake.jar");
        boolean fromJar = Files.isRegularFile(jar);
        String how = fromJar ? "java -jar target/marketlake.jar" : "java -cp <class path> (no target/marketlake.jar)";
        Instant at = BenchStore.START.plusMillis(shared.spanMillis() * 3 / 4);
        List<Double> help = new ArrayList<>();
        List<Double> run = new ArrayList<>();
        List<Double> featuresAt = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            boolean measured = i > 0;
            double seconds = exits(command(fromJar, List.of(), "--help"), dir.resolve("help.log"), "Usage:");
            if (measured) {
                help.add(seconds);
            }
            if (daemon) {
                seconds = daemon(fromJar, dir);
                if (measured) {
                    run.add(seconds);
                }
            }
            seconds = exits(command(fromJar, List.of(), "--home", shared.home().toString(), "features", "at",
                    "--market", BenchStore.MARKET, "--time", at.toString()), dir.resolve("at.log"),
                    "feature." + (shared.features() - 1));
            if (measured) {
                featuresAt.add(seconds);
            }
        }
        double helpSeconds = Stats.median(help);
        System.out.printf("%s --help: median %.2f s of %d%n", how, helpSeconds, runs);
        if (daemon) {
            System.out.printf("%s run, to Camel's started line: median %.2f s of %d%n", how, Stats.median(run), runs);
            Results.report("startup-run", "s", Stats.median(run), helpSeconds);
        }
        System.out.printf("%s features at (%d features): median %.2f s of %d%n", how, shared.features(),
                Stats.median(featuresAt), runs);
        Results.report("startup-features-at", "s", Stats.median(featuresAt), helpSeconds);
    }

    private static List<String> command(boolean fromJar, List<String> jvmOptions, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (fromJar) {
            command.addAll(List.of("-jar", "target/marketlake.jar"));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.marketlake.MarketlakeApplication"));
        }
        command.addAll(List.of(arguments));
        return command;
    }

    /** Wall time of a command run to its end, which must exit 0 with {@code expected} in its output. */
    private static double exits(List<String> command, Path log, String expected) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);
        if (exit != 0 || !output.contains(expected)) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + " without '" + expected
                    + "':\n" + output);
        }
        return seconds;
    }

    /** Wall time from launching {@code run} to Camel's started line; the daemon is then stopped. */
    private static double daemon(boolean fromJar, Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // the management server's, so a daemon of someone else's never clashes
        }
        // no vendor is ever reached, should a schedule fire while it runs
        List<String> command = command(fromJar, List.of("-Dcamel.management.port=" + port,
                "-Dmarketlake.databento.base-url=http://127.0.0.1:9", "-Dmarketlake.cftc.base-url=http://127.0.0.1:9"),
                "--home", dir.resolve("run-home").toString(), "run");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        CompletableFuture<Double> started = new CompletableFuture<>();
        Path log = dir.resolve("run.log");
        long start = System.nanoTime();
        Process process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!started.isDone() && STARTED.matcher(line).find()) {
                        started.complete((System.nanoTime() - start) / 1e9);
                    }
                    out.println(line);
                }
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
            started.completeExceptionally(new IllegalStateException("run ended without Camel's started line"));
        });
        reader.start();
        try {
            return started.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly().waitFor();
            reader.join();
            throw new IllegalStateException("marketlake run did not start: " + e + "\n" + Files.readString(log), e);
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            reader.join();
        }
    }
}
