package io.marketlake.lake;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that write a batch's files and decode a file's row groups at once: one per core, daemon threads so
 * an idle pool never keeps a command's JVM alive. Their tasks never wait for each other, so sharing cannot
 * deadlock.
 */
final class LakeThreads {

    static final int PARALLELISM = Runtime.getRuntime().availableProcessors();
    static final ExecutorService POOL = Executors.newFixedThreadPool(PARALLELISM, task -> {
        Thread thread = new Thread(task, "lake-worker");
        thread.setDaemon(true);
        return thread;
    });

    private LakeThreads() {
    }
}
