package io.marketlake.slices;

import java.nio.file.Path;

/** A file as a run's manifest lists it, input or output: its content's sha256 and its rows. */
record ListedFile(Path file, String sha256, long rows) {
}
