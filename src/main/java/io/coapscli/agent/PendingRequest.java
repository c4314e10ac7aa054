package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.californium.core.coap.Request;

/** A request still waiting for its outcome; exactly one outcome is ever reported. */
final class PendingRequest {
    final Request request;
    final InetSocketAddress peer;
    final long sentNanos = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    volatile ScheduledFuture<?> deadline;

    PendingRequest(Request request, InetSocketAddress peer) {
        this.request = request;
        this.peer = peer;
    }

    /** True for the first caller only. */
    boolean finish() {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> timer = deadline;
        if (timer != null) {
            timer.cancel(false);
        }
        return true;
    }
}
