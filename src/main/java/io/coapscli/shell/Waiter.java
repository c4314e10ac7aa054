package io.coapscli.shell;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Lets {@code wait} block until SIGINT or SIGTERM (or its time is up). */
public final class Waiter {
    private volatile CountDownLatch current;

    /** Blocks until {@link #release()} or the timeout; a null timeout waits without limit. */
    void await(Duration timeout) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        current = latch;
        try {
            if (timeout == null) {
                latch.await();
            } else {
                latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            current = null;
        }
    }

    /** Ends a running wait; false when none was running. */
    public boolean release() {
        CountDownLatch latch = current;
        if (latch == null) {
            return false;
        }
        latch.countDown();
        return true;
    }
}
