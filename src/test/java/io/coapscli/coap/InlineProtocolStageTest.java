package io.coapscli.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InlineProtocolStageTest {

    private final InlineProtocolStage executor = new InlineProtocolStage();
    private final List<String> steps = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    @Test
    void workAskedForWhileHandlingRunsOnTheHandlingThreadAfterTheHandlingInOrder() {
        Thread caller = Thread.currentThread();
        executor.runHere(() -> {
            executor.execute(() -> steps.add("first on " + (Thread.currentThread() == caller ? "caller" : "other")));
            executor.execute(() -> {
                steps.add("second");
                executor.execute(() -> steps.add("asked for by the second"));
            });
            steps.add("handling done");
        });
        assertEquals(List.of("handling done", "first on caller", "second", "asked for by the second"), steps);
    }

    @Test
    void noLockTheAskingCallHeldIsHeldWhileTheTaskRuns() {
        ReentrantLock lock = new ReentrantLock();
        executor.runHere(() -> {
            lock.lock();
            try {
                executor.execute(() -> steps.add("lock held: " + lock.isHeldByCurrentThread()));
            } finally {
                lock.unlock();
            }
        });
        assertEquals(List.of("lock held: false"), steps);
    }

    @Test
    void workAskedForOutsideAHandlingRunsOnTheExecutorsOwnThread() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        executor.execute(() -> ranOn.complete(Thread.currentThread()));
        Thread thread = ranOn.get(5, TimeUnit.SECONDS);
        assertNotEquals(Thread.currentThread(), thread);
        assertTrue(thread.getName().startsWith("CoapEndpoint-stage#"), thread.getName());
    }

    @Test
    void aFailingTaskIsLoggedAndTheNextOneStillRuns() {
        executor.runHere(() -> {
            executor.execute(() -> {
                throw new IllegalStateException("a task failed on purpose");
            });
            executor.execute(() -> steps.add("next"));
        });
        assertEquals(List.of("next"), steps);
    }

    @Test
    void aHandlingInsideAHandlingRunsAtOnceAndItsWorkJoinsTheOuterQueue() {
        executor.runHere(() -> {
            executor.runHere(() -> {
                executor.execute(() -> steps.add("inner's task"));
                steps.add("inner");
            });
            steps.add("outer");
        });
        assertEquals(List.of("inner", "outer", "inner's task"), steps);
    }

    @Test
    void aShutDownExecutorRefusesWorkAskedForDuringAHandling() {
        executor.shutdownNow();
        executor.runHere(() -> assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { })));
        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
    }
}
