package io.marketlake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * A benchmark's figures in the one form {@code bench/run} collects: {@code case,unit,marketlake,reference,ratio},
 * the ratio always "above 1 means marketlake is better" (a time or a size: reference ÷ marketlake; a rate:
 * marketlake ÷ reference). The line goes to stdout for whoever runs a bench by hand, and is appended to the file
 * named by {@code -Dbench.results} when there is one (bench/run keeps the benches' stdout for its log).
 */
final class Results {

    private Results() {
    }

    static void report(String name, String unit, double marketlake, double reference) {
        if (!(marketlake > 0) || !(reference > 0)) {
            throw new IllegalStateException(name + ": a figure that is not positive: marketlake " + marketlake
                    + ", reference " + reference);
        }
        double ratio = switch (unit) {
            case "s", "µs", "bytes" -> reference / marketlake;
            case "rows/s" -> marketlake / reference;
            default -> throw new IllegalArgumentException("unit " + unit + ": is more better or worse?");
        };
        String line = String.format(Locale.ROOT, "%s,%s,%s,%s,%.3f", name, unit, figure(unit, marketlake),
                figure(unit, reference), ratio);
        System.out.println(line);
        String file = System.getProperty("bench.results");
        if (file != null && !file.isBlank()) {
            try {
                Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record the result in " + file, e);
            }
        }
    }

    private static String figure(String unit, double value) {
        return switch (unit) {
            case "rows/s", "bytes" -> String.format(Locale.ROOT, "%.0f", value);
            case "µs" -> String.format(Locale.ROOT, "%.1f", value);
            default -> String.format(Locale.ROOT, "%.3f", value);
        };
    }
}
