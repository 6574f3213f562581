package io.marketlake.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * A payload too large to keep in memory, landed on disk while it is processed. When the ingest fails, the
 * dead-letter area takes the files themselves as the original payload.
 */
public interface LandedFiles {

    List<Path> files();
}
