package io.marketlake.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Files an ingest has downloaded so far, shared by the branches that download them. It is the ingest's payload
 * from the first download on, so a failure at any step keeps what was received.
 */
public final class Landing implements LandedFiles {

    private final List<Path> files = new CopyOnWriteArrayList<>();

    public void add(Path file) {
        files.add(file);
    }

    @Override
    public List<Path> files() {
        return List.copyOf(files);
    }

    @Override
    public String toString() {
        return "downloaded files " + files;
    }
}
