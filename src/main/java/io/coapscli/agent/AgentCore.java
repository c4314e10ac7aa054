package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import io.coapscli.coap.Endpoint;

/**
 * What both agents, the secure one and the plain one, are made of: one event thread, one timer, the
 * resource they serve and the requests they make. Each agent adds its own transport around it (DTLS
 * sessions, or plain UDP) and guards it with its own lock.
 */
final class AgentCore {

    final EventDelivery events;
    /** Request deadlines and sweeps; what they find is reported through the event thread. */
    final ScheduledThreadPoolExecutor timers;
    final AgentResource resource;
    final ClientRequests client;
    final ServedResource served;

    /**
     * @param lock the agent, whose lock guards outcomes
     * @param sessions the session a peer's messages travel in; null in plain CoAP
     * @param peerStoppedAnswering a confirmable request got no acknowledgement at all
     */
    AgentCore(Object lock, String timerName, AgentSettings settings, AgentListener listener, AgentResource.Rules rules,
            Function<InetSocketAddress, SessionInfo> sessions, Consumer<InetSocketAddress> peerStoppedAnswering) {
        this.events = new EventDelivery(listener);
        this.timers = new ScheduledThreadPoolExecutor(1, daemon(timerName));
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.resource = new AgentResource(events::emit, sessions, rules);
        this.served = new ServedResource(resource);
        this.client = new ClientRequests(lock, settings, timers, events::emit, new OutstandingRequests.Owner() {
            @Override
            public void reportOutcome(AgentEvent outcome) {
                events.emit(outcome);
                lock.notifyAll();
            }

            @Override
            public SessionInfo sessionInfo(InetSocketAddress peer) {
                return sessions.apply(peer);
            }

            @Override
            public void peerStoppedAnswering(InetSocketAddress peer) {
                peerStoppedAnswering.accept(peer);
            }

            @Override
            public boolean probesClosedPorts() {
                // A secure agent's requests travel in a session, whose handshake probed already.
                return rules == AgentResource.Rules.PLAIN;
            }
        });
    }

    /** Threads of both agents are daemons: an agent left open never keeps the process alive. */
    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Serves the resource on the endpoint and takes its notifications and the blocks of uploads to it. */
    void attach(Endpoint endpoint) {
        endpoint.setMessageDeliverer(resource);
        endpoint.onNotification((request, response) -> client.notificationArrived(response));
        endpoint.blocks().watchInboundBlocks(resource::blockArrived);
    }

    /**
     * Waits on the agent's lock, which the caller holds, until the condition holds (every change to it
     * notifies the lock) or the timeout passes; false then.
     */
    static boolean awaitUnderLock(Object lock, Duration timeout, BooleanSupplier settled) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!settled.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
        return true;
    }

    void emit(AgentEvent event) {
        events.emit(event);
    }

    void close() {
        timers.shutdownNow();
        events.close();
    }
}
