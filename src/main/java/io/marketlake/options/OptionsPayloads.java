package io.marketlake.options;

import io.marketlake.databento.PayloadSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The three responses a chain is built from (definition, statistics, top-of-book quotes), opened as streams
 * when read, so a response of millions of rows never sits in memory: downloaded files (in whichever encoding they
 * arrived) or bundled resources.
 */
public record OptionsPayloads(PayloadSource definitions, PayloadSource statistics, PayloadSource quotes) {

    /** Downloaded responses, told apart by the schema in their file names ({@code <id>-<schema>.txt}). */
    public static OptionsPayloads fromFiles(List<String> paths) {
        return new OptionsPayloads(file(paths, "definition"), file(paths, "statistics"), quotesFile(paths));
    }

    /** Bundled responses on the classpath, under {@code prefix}: definition, statistics and quotes files. */
    public static OptionsPayloads fromResources(String prefix) {
        return new OptionsPayloads(resource(prefix + "definition.csv"), resource(prefix + "statistics.jsonl"),
                resource(prefix + "mbp-1.csv"));
    }

    @Override
    public String toString() {
        return "definitions " + definitions.name() + ", statistics " + statistics.name() + ", quotes " + quotes.name();
    }

    private static PayloadSource file(List<String> paths, String schema) {
        return paths.stream().filter(p -> p.endsWith("-" + schema + ".txt")).findFirst()
                .map(p -> (PayloadSource) new PayloadSource.FileSource(Path.of(p)))
                .orElseThrow(() -> new IllegalArgumentException("no " + schema + " response among " + paths));
    }

    private static PayloadSource quotesFile(List<String> paths) {
        return paths.stream().filter(p -> !p.endsWith("-definition.txt") && !p.endsWith("-statistics.txt"))
                .findFirst().map(p -> (PayloadSource) new PayloadSource.FileSource(Path.of(p)))
                .orElseThrow(() -> new IllegalArgumentException("no quotes response among " + paths));
    }

    private static PayloadSource resource(String name) {
        return new PayloadSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Reader open() throws IOException {
                return new InputStreamReader(openStream(), StandardCharsets.UTF_8);
            }

            @Override
            public InputStream openStream() throws IOException {
                InputStream in = OptionsPayloads.class.getClassLoader().getResourceAsStream(name);
                if (in == null) {
                    throw new IOException("bundled resource " + name + " is missing");
                }
                return in;
            }
        };
    }
}
