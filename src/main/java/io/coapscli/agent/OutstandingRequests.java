package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

import io.coapscli.coap.PortProbe;

/**
 * The requests waiting for their outcome: a response, a timeout, a Reset, a refused response, a send
 * error or an abort. Each gets exactly one, reported through the {@link Owner} while holding the agent's
 * lock, so that whoever waits for the agent to settle sees the outcome and its event together.
 */
final class OutstandingRequests {

    /** What the agent provides. */
    interface Owner {
        /** Reports an outcome; called holding the agent's lock. */
        void reportOutcome(AgentEvent outcome);

        SessionInfo sessionInfo(InetSocketAddress peer);

        /** A confirmable request to this peer was not even acknowledged: the peer is gone or lost its state. */
        void peerStoppedAnswering(InetSocketAddress peer);

        /**
         * Whether a request that has heard nothing from its peer soon probes the peer's port, to fail at once
         * when nobody listens there (plain CoAP, where no handshake did that first).
         */
        boolean probesClosedPorts();
    }

    private final Object lock;
    private final Owner owner;
    private final AgentSettings settings;
    private final ScheduledExecutorService timers;
    private final Set<PendingRequest> pending = ConcurrentHashMap.newKeySet();
    private volatile TransmissionParameters transmission;

    OutstandingRequests(Object lock, Owner owner, AgentSettings settings, ScheduledExecutorService timers) {
        this.lock = lock;
        this.owner = owner;
        this.settings = settings;
        this.timers = timers;
    }

    /** Requests' own transmission parameters from now on ({@code coap parameters request}); null for the agent's. */
    void useTransmission(TransmissionParameters parameters) {
        transmission = parameters;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Watches a request about to be sent to the peer until its outcome. */
    void track(Request request, InetSocketAddress peer) {
        track(request, peer, null);
    }

    /**
     * Watches a request until its outcome; for an observation's registration, every fresh response after
     * the first (to a re-registration when Max-Age ran out) is reported as a notification. Notifications
     * that match no request reach the agent through the endpoint instead.
     */
    void track(Request request, InetSocketAddress peer, Observation observation) {
        track(request, peer, observation, null);
    }

    /**
     * Watches one block of a transfer the agent runs block by block: a response the step takes (by sending
     * the next block, tracked before this one is let go, so the agent never looks idle in between) is no
     * outcome; any other response, and any failure, is the transfer's outcome.
     */
    void trackBlock(Request request, InetSocketAddress peer, Predicate<Response> step) {
        track(request, peer, null, step);
    }

    private void track(Request request, InetSocketAddress peer, Observation observation, Predicate<Response> step) {
        TransmissionParameters own = transmission;
        if (own != null) {
            request.setReliabilityLayerParameters(own.toCalifornium());
        }
        int retransmissions = own == null ? settings.maxRetransmit() : own.maxRetransmit();
        PendingRequest outstanding = new PendingRequest(request, peer);
        pending.add(outstanding);
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                if (observation != null && !observation.isFresh(response)) {
                    return;
                }
                if (step != null && tookStep(outstanding, step, response)) {
                    return;
                }
                InetSocketAddress from = response.getSourceContext().getPeerAddress();
                CoapMessage message = CoapMessage.of(response, response.getCode().text);
                Duration roundTrip = Duration.ofNanos(System.nanoTime() - outstanding.sentNanos);
                if (!finish(outstanding, new AgentEvent.ResponseReceived(from, message, roundTrip,
                        owner.sessionInfo(from))) && observation != null) {
                    synchronized (lock) {
                        owner.reportOutcome(new AgentEvent.NotificationReceived(from, message, owner.sessionInfo(from)));
                    }
                }
            }

            @Override
            public void onCancel() {
                finish(outstanding, new AgentEvent.RequestFailed(OtError.ABORT, "cancelled"));
            }

            @Override
            public void onTimeout() {
                timedOut(outstanding, "no acknowledgement after " + retransmissions + " retransmissions");
            }

            @Override
            public void onReject() {
                finish(outstanding, new AgentEvent.RequestFailed(OtError.ABORT, "the peer answered with a Reset"));
            }

            @Override
            public void onResponseHandlingError(Throwable error) {
                // Californium refuses a response body over the limit (a block-wise GET of a large resource).
                finish(outstanding, new AgentEvent.RequestFailed(OtError.NO_BUFS, "response refused: "
                        + error.getMessage()));
                request.cancel();
            }

            @Override
            public void onSendError(Throwable error) {
                finish(outstanding, new AgentEvent.RequestFailed(OtError.ABORT, "not sent: " + error.getMessage()));
            }
        });
        // A non-confirmable request has no retransmission timeout of its own; give every request the same bound.
        long timeout = (own == null ? settings.responseTimeout() : own.responseTimeout()).toMillis();
        outstanding.deadline = timers.schedule(() -> {
            timedOut(outstanding, "no response within " + timeout + " ms");
            request.cancel();
        }, timeout, TimeUnit.MILLISECONDS);
        if (owner.probesClosedPorts() && !peer.getAddress().isMulticastAddress()) {
            probeIfSilent(outstanding);
        }
    }

    /** Fails the request with Abort at once if nothing came from its peer soon and the peer's host says its port is closed. */
    private void probeIfSilent(PendingRequest outstanding) {
        BooleanSupplier silent = () -> pending.contains(outstanding) && !outstanding.request.isAcknowledged();
        timers.schedule(() -> {
            if (silent.getAsBoolean()) {
                PortProbe.start(outstanding.peer, Duration.ZERO, silent, () -> {
                    finish(outstanding, new AgentEvent.RequestFailed(OtError.ABORT,
                            PortProbe.nobodyListening(outstanding.peer)));
                    outstanding.request.cancel();
                }, () -> { });
            }
        }, PortProbe.FIRST_PROBE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends every request with Abort: the agent stopped. */
    void abortAll(String reason) {
        for (PendingRequest outstanding : List.copyOf(pending)) {
            finish(outstanding, new AgentEvent.RequestFailed(OtError.ABORT, reason));
            outstanding.request.cancel();
        }
    }

    /** Ends every request to the peer with Abort: its session closed. */
    void abortTo(InetSocketAddress peer) {
        for (PendingRequest outstanding : List.copyOf(pending)) {
            if (outstanding.peer.equals(peer)) {
                finish(outstanding, new AgentEvent.RequestFailed(OtError.ABORT, "the session closed"));
                outstanding.request.cancel();
            }
        }
    }

    /**
     * ResponseTimeout; a confirmable request that was not even acknowledged also tells the owner. Both under
     * the lock: a script that reads the outcome and then waits for the agent to settle must find the
     * owner's liveness ping already out, not start its next request beside it.
     */
    private void timedOut(PendingRequest outstanding, String reason) {
        synchronized (lock) {
            if (finish(outstanding, new AgentEvent.RequestFailed(OtError.RESPONSE_TIMEOUT, reason))
                    && outstanding.request.isConfirmable() && !outstanding.request.isAcknowledged()) {
                owner.peerStoppedAnswering(outstanding.peer);
            }
        }
    }

    private boolean tookStep(PendingRequest outstanding, Predicate<Response> step, Response response) {
        synchronized (lock) {
            if (!pending.contains(outstanding) || !step.test(response)) {
                return false;
            }
            if (outstanding.finish()) {
                pending.remove(outstanding);
            }
            return true;
        }
    }

    /** Reports the request's outcome, if it is the first; returns whether it was. */
    private boolean finish(PendingRequest outstanding, AgentEvent outcome) {
        synchronized (lock) {
            if (!outstanding.finish()) {
                return false;
            }
            pending.remove(outstanding);
            owner.reportOutcome(outcome);
            return true;
        }
    }
}
