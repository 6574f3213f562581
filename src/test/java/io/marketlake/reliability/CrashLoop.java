package io.marketlake.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kills one flow at many instants: an uninterrupted reference run into its own home gives the run's duration T
 * (and when Camel had started), then in another home each run is killed at the next instant of an ascending
 * schedule over T and what readers see is checked, then a last run goes to its end and the result is compared
 * with the reference. A resumable flow does less on each restart, so its instants are spread over the part of T
 * its pending work still needs (start-up plus the work's pending share); otherwise the later kills would all land
 * after a restart had finished the little that was left.
 */
final class CrashLoop {

    /** What a flow is, as the loop needs it. */
    interface Flow {
        String name();

        /** Writes the flow's inputs into a new home (a config, a file to import), before its first run. */
        default void prepare(Path home) throws IOException {
        }

        /** The flow's command against {@code home}, its output logged under {@code logs}. */
        ChildJvm command(Path home, Path logs);

        /**
         * Exit codes of a run that was not killed: 0, or a documented code such as "sealed already" (the
         * uninterrupted reference run must exit 0).
         */
        Set<Integer> exitCodes();

        /** The share of the flow's work a restart in {@code home} still has to do, 1 when it starts over. */
        default double pending(Path home) {
            return 1;
        }

        /** What a reader must never see, after a kill: a problem per line, none when all is well. */
        List<String> invariants(ReaderChecks home);

        /** The finished home against the reference: problems, rows lost and rows doubled. */
        Comparison compare(ReaderChecks reference, ReaderChecks home);
    }

    /** Rows the finished home lost or doubled compared with the reference, and whatever else differs. */
    record Comparison(long rowsLost, long rowsDoubled, List<String> problems, Map<String, Object> details) {
    }

    /** The totals of one flow, as written to target/reliability/crash-points.json. */
    record Totals(Map<String, Object> values, List<String> violations) {
    }

    private final int kills;
    private final long seed;

    CrashLoop(int kills, long seed) {
        this.kills = kills;
        this.seed = seed;
    }

    Totals run(Flow flow, Path referenceHome, Path home, Path logs) throws IOException {
        List<String> violations = new ArrayList<>();
        flow.prepare(referenceHome);
        flow.prepare(home);
        ChildJvm.Outcome reference = flow.command(referenceHome, logs.resolve("reference")).runToEnd();
        if (reference.exitCode() != 0) {
            throw new IllegalStateException(flow.name() + ": the reference run exited " + reference.exitCode()
                    + ", see " + reference.log());
        }
        Duration total = reference.lived();
        Duration startup = reference.camelHadStarted() ? reference.camelStarted() : Duration.ZERO;
        ReaderChecks checks = new ReaderChecks(home);
        ChildJvm child = flow.command(home, logs.resolve("kills"));

        List<Double> fractions = ChildJvm.fractions(kills, seed);
        int killed = 0;
        int survived = 0;
        int launches = 0;
        int beforeCamel = 0;
        int leftTempFiles = 0;
        Duration cap = null;
        List<Long> instants = new ArrayList<>();
        while (killed < kills && launches < kills * 2) {
            double pending = Math.max(0, Math.min(1, flow.pending(home)));
            Duration expected = startup.plus(Duration.ofNanos((long) ((total.toNanos() - startup.toNanos()) * pending)));
            if (cap != null && cap.compareTo(expected) < 0) {
                expected = cap;
            }
            Duration instant = instant(fractions.get(killed), startup, expected);
            int tempBefore = ReaderChecks.tempFiles(home).size();
            ChildJvm.Outcome outcome = child.runAndKillAt(instant);
            launches++;
            if (!outcome.killed()) {
                // it finished before the instant: the same fraction again, of how long a run takes now
                cap = outcome.lived();
                if (!flow.exitCodes().contains(outcome.exitCode())) {
                    violations.add("a run that was not killed exited " + outcome.exitCode() + ", see " + outcome.log());
                }
                continue;
            }
            cap = null;
            killed++;
            instants.add(instant.toMillis());
            if (!outcome.camelHadStarted()) {
                beforeCamel++;
            }
            if (ReaderChecks.tempFiles(home).size() > tempBefore) {
                leftTempFiles++;
            }
            List<String> problems = flow.invariants(checks);
            if (problems.isEmpty()) {
                survived++;
            } else {
                problems.forEach(p -> violations.add("after kill " + instants.size() + " at " + instant.toMillis()
                        + " ms (" + outcome.log().getFileName() + "): " + p));
            }
        }

        ChildJvm.Outcome last = child.runToEnd();
        boolean finalOk = flow.exitCodes().contains(last.exitCode());
        if (!finalOk) {
            violations.add("the final run exited " + last.exitCode() + ", see " + last.log());
        }
        List<String> afterFinal = flow.invariants(checks);
        afterFinal.forEach(p -> violations.add("after the final run: " + p));
        Comparison comparison = flow.compare(new ReaderChecks(referenceHome), checks);
        comparison.problems().forEach(p -> violations.add("against the reference: " + p));
        finalOk = finalOk && afterFinal.isEmpty() && comparison.problems().isEmpty() && comparison.rowsLost() == 0
                && comparison.rowsDoubled() == 0;

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("kills", killed);
        values.put("survived", survived);
        values.put("final_ok", finalOk);
        values.put("rows_lost", comparison.rowsLost());
        values.put("rows_doubled", comparison.rowsDoubled());
        values.put("reference_run_ms", total.toMillis());
        values.put("reference_camel_started_ms", startup.toMillis());
        values.put("launches", launches + 1);
        values.put("kills_before_camel_started", beforeCamel);
        values.put("kills_leaving_a_temp_file", leftTempFiles);
        values.putAll(comparison.details());
        values.put("kill_instants_ms", instants);
        return new Totals(values, violations);
    }

    /**
     * A quarter of the kills fall in start-up (JVM, Camel, schema creation), the rest in the work after it, where
     * the writes are: that is where a kill can leave something half done.
     */
    private static Duration instant(double fraction, Duration startup, Duration expected) {
        if (startup.isZero() || expected.compareTo(startup) <= 0) {
            return Duration.ofNanos((long) (expected.toNanos() * fraction));
        }
        if (fraction < 0.25) {
            return Duration.ofNanos((long) (startup.toNanos() * fraction / 0.25));
        }
        return startup.plusNanos((long) ((expected.toNanos() - startup.toNanos()) * (fraction - 0.25) / 0.75));
    }
}
