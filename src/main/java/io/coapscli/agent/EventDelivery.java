package io.coapscli.agent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's event thread: events reach the listener one at a time, in the order they were emitted,
 * together with the work that must follow them (an auto-close, a credential swap). A plain FIFO, cheap to
 * hand work to; when it runs dry the listener hears {@link AgentListener#onQuiet()}.
 */
final class EventDelivery {

    /** Long enough for an auto-close (which waits for close_notify) running on the event thread. */
    private static final long FLUSH_TIMEOUT_MS = 5000;

    private final AgentListener listener;
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), AgentCore.daemon("coaps-agent-events"));
    /** Events emitted and not yet delivered. */
    private final AtomicInteger undelivered = new AtomicInteger();

    EventDelivery(AgentListener listener) {
        this.listener = listener;
    }

    void emit(AgentEvent event) {
        undelivered.incrementAndGet();
        try {
            thread.execute(() -> {
                try {
                    listener.onEvent(event);
                } finally {
                    if (undelivered.decrementAndGet() == 0) {
                        listener.onQuiet();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // A late DTLS or CoAP callback after close(): nobody listens any more.
            undelivered.decrementAndGet();
        }
    }

    /** Runs work after every event emitted so far. */
    void afterEvents(Runnable work) {
        thread.execute(work);
    }

    /** Waits until every event emitted so far has been delivered (a bounded wait). */
    void awaitDelivered() {
        try {
            thread.submit(() -> { }).get(FLUSH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            // Delivery goes on regardless; the next line merely may come first.
        }
    }

    /** Delivers what is queued, then ends the thread. */
    void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
