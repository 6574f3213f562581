package io.marketlake.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * The steps of an ingest whose responses stream to landing files: the landing becomes the ingest's payload
 * before the first download, notes each file the file producer wrote, and is removed once the batch is stored
 * (a failed ingest keeps its files, for the dead-letter area).
 */
public final class Landings {

    public Landing open() {
        return new Landing();
    }

    public void landed(@Header(Exchange.FILE_NAME_PRODUCED) String file,
            @ExchangeProperty(IngestProperties.PAYLOAD) Landing landing) {
        landing.add(Path.of(file));
    }

    public void clean(@ExchangeProperty(IngestProperties.PAYLOAD) LandedFiles payload) {
        for (Path file : payload.files()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the downloaded response " + file, e);
            }
        }
    }
}
