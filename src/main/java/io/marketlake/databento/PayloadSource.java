package io.marketlake.databento;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A response that can be opened for reading as often as needed: a landed file, a bundled resource. */
public interface PayloadSource {

    String name();

    Reader open() throws IOException;

    /** A downloaded response on disk. */
    record FileSource(Path path) implements PayloadSource {
        @Override
        public String name() {
            return path.getFileName().toString();
        }

        @Override
        public Reader open() throws IOException {
            return Files.newBufferedReader(path, StandardCharsets.UTF_8);
        }
    }
}
