package io.marketlake.lake;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that write a batch's files, decode a file's row groups and write a slice run's files at once: one per
 * core, daemon threads so an idle pool never keeps a command's JVM alive. Their tasks never wait for each other
 * (a task never submits to the pool), so sharing cannot deadlock.
 */
public final class LakeThreads {

    public static final int PARALLELISM = Runtime.getRuntime().availableProcessors();
    public static final ExecutorService POOL = Executors.newFixedThreadPool(PARALLELISM, task -> {
        Thread thread = new Thread(task, "lake-worker");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * The threads that make written files durable (force, rename, force the directory): a worker hands a finished
     * file over and goes on to its next one instead of waiting for the disk. They wait on I/O, so they are not
     * counted against the cores.
     */
    public static final ExecutorService SYNC = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "lake-sync");
        thread.setDaemon(true);
        return thread;
    });

    private LakeThreads() {
    }

    /**
     * Runs the tasks on the pool and waits for all of them; their results in task order. The first failure is thrown
     * once every task has finished, so none is left running behind the caller.
     */
    public static <T> java.util.List<T> all(java.util.List<java.util.concurrent.Callable<T>> tasks) {
        java.util.List<java.util.concurrent.Future<T>> running = new java.util.ArrayList<>();
        for (java.util.concurrent.Callable<T> task : tasks) {
            running.add(POOL.submit(task));
        }
        return await(running);
    }

    /**
     * As {@link #all(java.util.List)}, for tasks that hand part of their work over to other threads ({@link #SYNC}),
     * adding its futures to what {@code handedOff} gives: that work is waited for too, whether or not a task failed,
     * so nothing is left running behind the caller. The first failure (of the tasks, else of the handed-over work) is
     * thrown once all of it has finished.
     */
    public static <T> java.util.List<T> all(java.util.List<java.util.concurrent.Callable<T>> tasks,
            java.util.function.Supplier<? extends java.util.List<? extends java.util.concurrent.Future<?>>> handedOff) {
        java.util.List<T> results = null;
        RuntimeException failure = null;
        try {
            results = all(tasks);
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            await(java.util.List.copyOf(handedOff.get()));
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /**
     * Waits for every task; their results in order. The first failure is thrown once every task has finished, so
     * none is left running behind the caller.
     */
    public static <T> java.util.List<T> await(
            java.util.List<? extends java.util.concurrent.Future<? extends T>> running) {
        java.util.List<T> results = new java.util.ArrayList<>();
        RuntimeException first = null;
        for (java.util.concurrent.Future<? extends T> task : running) {
            try {
                results.add(task.get());
            } catch (java.util.concurrent.ExecutionException e) {
                RuntimeException failure = e.getCause() instanceof RuntimeException runtime ? runtime
                        : e.getCause() instanceof java.io.IOException io ? new java.io.UncheckedIOException(io)
                        : new IllegalStateException(e.getCause());
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(pending -> pending.cancel(true));
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }
}
