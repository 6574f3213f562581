package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Work handed over to the sync threads is waited for before the caller hears of any failure. */
class LakeThreadsTest {

    @Test
    void a_failed_task_is_told_only_once_the_work_other_tasks_handed_over_has_finished() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean handedOverFinished = new AtomicBoolean();
        List<Future<?>> handedOff = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> tasks = List.of(
                () -> {
                    handedOff.add(LakeThreads.SYNC.submit(() -> {
                        release.await();
                        handedOverFinished.set(true);
                        return null;
                    }));
                    return null;
                },
                () -> {
                    release.countDown();
                    throw new IllegalStateException("a write failed");
                });

        assertThatThrownBy(() -> LakeThreads.all(tasks, () -> handedOff)).hasMessage("a write failed");
        assertThat(handedOverFinished).isTrue();
    }

    @Test
    void a_failure_of_the_handed_over_work_is_thrown_when_every_task_succeeded() {
        List<Future<?>> handedOff = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Integer>> tasks = List.of(() -> {
            handedOff.add(LakeThreads.SYNC.submit(() -> {
                throw new IllegalStateException("a rename failed");
            }));
            return 1;
        }, () -> 2);

        assertThatThrownBy(() -> LakeThreads.all(tasks, () -> handedOff)).hasMessage("a rename failed");
        assertThat(LakeThreads.all(List.<Callable<Integer>>of(() -> 1, () -> 2), List::of)).containsExactly(1, 2);
    }
}
