package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

import io.coapscli.coap.Endpoint;

/**
 * What the agent sends on an open session: requests, each watched until its outcome, and at most one
 * observation (RFC 7641), as in OpenThread's CLI. The agent calls it under its lock, after its checks.
 */
final class ClientRequests {

    private final OutstandingRequests outstanding;
    private final BlockwiseRequests blockwise;
    private final ScheduledThreadPoolExecutor timers;
    private final Consumer<AgentEvent> events;
    private final OutstandingRequests.Owner owner;
    /** Written under the agent's lock; read by Californium's threads when a notification arrives. */
    private volatile Observation observation;

    /**
     * @param lock the agent, whose lock guards outcomes
     * @param events delivers a notification's event
     * @param owner receives outcomes, under the lock
     */
    ClientRequests(Object lock, AgentSettings settings, ScheduledThreadPoolExecutor timers, Consumer<AgentEvent> events,
            OutstandingRequests.Owner owner) {
        this.outstanding = new OutstandingRequests(lock, owner, settings, timers);
        this.blockwise = new BlockwiseRequests(outstanding, events);
        this.timers = timers;
        this.events = events;
        this.owner = owner;
    }

    /** A GET or a confirmable request reports its response or failure; a non-confirmable PUT, POST or DELETE nothing. */
    void send(Endpoint endpoint, InetSocketAddress peer, Code method, String uri, boolean confirmable,
            byte[] payload, RequestOptions options) {
        Request request = NewRequests.to(peer, method, uri, confirmable);
        if (options.contentFormat() != null) {
            request.getOptions().setContentFormat(options.contentFormat());
        }
        if (options.accept() != null) {
            request.getOptions().setAccept(options.accept());
        }
        if (options.uriHost() != null) {
            request.getOptions().setUriHost(options.uriHost());
        }
        if (payload.length > 0) {
            request.setPayload(payload);
        }
        if (method == Code.GET || confirmable) {
            outstanding.track(request, peer);
        }
        endpoint.sendRequest(request);
    }

    /** A GET with Block2 of this size, block by block, each block shown. */
    void getBlockwise(Endpoint endpoint, InetSocketAddress peer, String uri, int szx) {
        blockwise.get(endpoint, peer, uri, szx);
    }

    /** A PUT or POST of the body in blocks of this size (Block1), each block shown. */
    void upload(Endpoint endpoint, InetSocketAddress peer, Code method, String uri, int szx, byte[] body) {
        blockwise.upload(endpoint, peer, method, uri, szx, body);
    }

    /** Registers, replacing any observation without telling its server, as OpenThread does. */
    void observe(Endpoint endpoint, InetSocketAddress peer, String uri, boolean confirmable) {
        forgetObservation();
        Request registration = NewRequests.to(peer, Code.GET, uri, confirmable);
        registration.setObserve();
        Observation started = new Observation(peer, registration, endpoint.observe(registration, timers));
        observation = started;
        outstanding.track(registration, peer, started);
        endpoint.sendRequest(registration);
    }

    /** Deregisters with a GET with Observe=1, whose response is reported like any response. */
    void cancelObservation(Endpoint endpoint) throws AgentException {
        Observation ending = observation;
        if (ending == null) {
            throw AgentException.detailed(OtError.INVALID_STATE, "nothing is observed");
        }
        observation = null;
        Request deregistration = ending.deregistration();
        outstanding.track(deregistration, ending.peer);
        endpoint.sendRequest(deregistration);
    }

    /** A notification that matched no request in flight; reported if it is our observation's and fresh. */
    void notificationArrived(Response response) {
        Observation current = observation;
        if (current != null && current.isFor(response) && current.isFresh(response)) {
            InetSocketAddress from = response.getSourceContext().getPeerAddress();
            events.accept(new AgentEvent.NotificationReceived(from, CoapMessage.of(response, response.getCode().text),
                    owner.sessionInfo(from)));
        }
    }

    /** The session with the peer ended: its requests abort, and an observation over it is forgotten. */
    void sessionEnded(InetSocketAddress peer) {
        outstanding.abortTo(peer);
        Observation current = observation;
        if (current != null && current.peer.equals(peer)) {
            forgetObservation();
        }
    }

    /** The agent stopped: every request ends with Abort, and an observation is forgotten. */
    void stopped() {
        outstanding.abortAll("the agent stopped");
        forgetObservation();
    }

    /** The transmission parameters of requests from now on; null for the agent's settings. */
    void useTransmission(TransmissionParameters parameters) {
        outstanding.useTransmission(parameters);
    }

    boolean nothingOutstanding() {
        return outstanding.isEmpty();
    }

    private void forgetObservation() {
        Observation current = observation;
        if (current != null) {
            current.forget();
            observation = null;
        }
    }
}
