package io.marketlake.reliability;

import io.marketlake.MarketlakeApplication;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One marketlake command in its own JVM, run from the repository root (so config/ and routes/ load) as a user runs
 * it, on the test classpath, either to its end or until a SIGKILL at a chosen instant after its launch. Its
 * output goes to a log file; the instant Camel said it had started is noted, to tell kills during start-up from
 * kills during the work.
 */
final class ChildJvm {

    /** Faster start-up on two cores; neither changes what the application does. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final String CAMEL_STARTED = ") started in ";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** How a run ended: killed while alive, or exited by itself with a code. */
    record Outcome(boolean killed, int exitCode, Duration lived, Duration camelStarted, Path log) {

        boolean camelHadStarted() {
            return camelStarted != null;
        }
    }

    private final Path logs;
    private final Map<String, String> properties = new TreeMap<>();
    private final List<String> arguments = new ArrayList<>();
    private int runs;

    ChildJvm(Path home, Path logs, String... command) {
        this.logs = logs;
        arguments.add("--home");
        arguments.add(home.toString());
        arguments.addAll(List.of(command));
    }

    ChildJvm property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    Outcome runToEnd() {
        return run(null);
    }

    /** Kills the process {@code instant} after its launch unless it exited before. */
    Outcome runAndKillAt(Duration instant) {
        return run(instant);
    }

    private Outcome run(Duration killAt) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(MarketlakeApplication.class.getName());
        command.addAll(arguments);
        Path log = logs.resolve(String.format("run-%02d.log", ++runs));
        try {
            Files.createDirectories(logs);
            long launched = System.nanoTime();
            Process process = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                    .redirectErrorStream(true).start();
            AtomicLong camelStarted = new AtomicLong(-1);
            Thread copier = copyOutput(process, log, launched, camelStarted);
            boolean exited = process.waitFor(killAt == null ? TIMEOUT.toNanos() : killAt.toNanos(), TimeUnit.NANOSECONDS);
            boolean killed = false;
            if (!exited && killAt != null) {
                process.destroyForcibly(); // SIGKILL
                killed = true;
            }
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("still running after " + TIMEOUT + ": " + command + ", see " + log);
            }
            Duration lived = Duration.ofNanos(System.nanoTime() - launched);
            copier.join(TIMEOUT.toMillis());
            long started = camelStarted.get();
            return new Outcome(killed, process.exitValue(), lived, started < 0 ? null : Duration.ofNanos(started), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Thread copyOutput(Process process, Path log, long launched, AtomicLong camelStarted)
            throws IOException {
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        Thread thread = new Thread(() -> {
            try (out; BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (camelStarted.get() < 0 && line.contains(CAMEL_STARTED)) {
                        camelStarted.set(System.nanoTime() - launched);
                    }
                    out.write(line);
                    out.write('\n');
                }
            } catch (IOException e) {
                // the process was killed mid-line: what was copied stays in the log
            }
        }, "child-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Kill instants as fractions of a run's duration, ascending: the centres of {@code count} equal slices of
     * (0, 1), each moved by a seeded jitter within its slice, so the kills cover start-up, the work and the end
     * the same way on every run of the test.
     */
    static List<Double> fractions(int count, long seed) {
        Random random = new Random(seed);
        List<Double> fractions = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            fractions.add((k + 0.5 + (random.nextDouble() - 0.5) * 0.9) / count);
        }
        return fractions;
    }
}
