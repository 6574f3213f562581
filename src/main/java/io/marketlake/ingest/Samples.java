package io.marketlake.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs bundled in the jar for the sample mode: recorded-format vendor payloads listed in
 * {@code samples/index.csv} (source, market, date, resource), fed to each pipeline's load route.
 */
public final class Samples {

    private static final String INDEX = "samples/index.csv";

    /** One bundled payload: what it is for and where it is on the classpath. */
    public record Sample(String source, String market, String date, String resource) {

        public byte[] payload() {
            return bytes(resource);
        }
    }

    private Samples() {
    }

    public static List<Sample> bundled() {
        List<Sample> samples = new ArrayList<>();
        for (String line : new String(bytes(INDEX), StandardCharsets.UTF_8).split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split(",");
            samples.add(new Sample(fields[0].trim(), fields[1].trim(), fields[2].trim(), fields[3].trim()));
        }
        return samples;
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("sample " + resource + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
