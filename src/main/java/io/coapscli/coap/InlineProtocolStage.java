package io.coapscli.coap;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An endpoint's protocol stage (Californium's CoAP layers, the resource, the response) run on the thread that
 * received the message, where Californium's default hands it to a stage thread of its own: with that, every
 * request crossed threads twice more (DTLS to CoAP, and back for the response), each a wake-up.
 *
 * <p>A received message is handed up through {@link #runHere}: what the stage is asked to execute meanwhile
 * is queued on this thread and run, in order, once the hand-up returned; never inside the call that asked,
 * where Californium holds an exchange's lock (its serial executors), so no lock is held while a task runs,
 * as on a thread of its own. Everything else (a request sent from the caller's thread, timers for
 * retransmissions and sweeps) runs on this executor's one thread, as before.
 */
public final class InlineProtocolStage extends ScheduledThreadPoolExecutor {

    private static final Logger LOGGER = LoggerFactory.getLogger(InlineProtocolStage.class);
    private static final AtomicInteger COUNT = new AtomicInteger();

    /** The tasks queued on this thread while it hands a message up; null when it does not. */
    private final ThreadLocal<ArrayDeque<Runnable>> queued = new ThreadLocal<>();

    public InlineProtocolStage() {
        super(1, task -> {
            Thread thread = new Thread(task, "CoapEndpoint-stage#" + COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the hand-up of a received message, then what it gave this stage to do, on this thread. */
    public void runHere(Runnable handUp) {
        if (queued.get() != null) {
            handUp.run();
            return;
        }
        ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        queued.set(tasks);
        try {
            run(handUp);
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                run(task);
            }
        } finally {
            queued.remove();
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // As a pool thread would: the error is logged, the next task runs.
            LOGGER.error("protocol stage task failed", e);
        }
    }

    @Override
    public void execute(Runnable command) {
        ArrayDeque<Runnable> tasks = queued.get();
        if (tasks == null) {
            super.execute(command);
        } else if (isShutdown()) {
            throw new RejectedExecutionException("the endpoint is destroyed");
        } else {
            tasks.add(command);
        }
    }
}
