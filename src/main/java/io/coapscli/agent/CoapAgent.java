package io.coapscli.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.eclipse.californium.core.coap.CoAP.Code;

import io.coapscli.coap.PlainEndpoint;

/**
 * OpenThread's plain CoAP agent ({@code coap}) on a host: one UDP socket, bound only by {@link #start()},
 * the same resource, requests, observe and events as the secure agent, and no sessions: every request
 * names its peer. It never prints; everything that happens is an {@link AgentEvent} for the listener.
 */
public final class CoapAgent implements AutoCloseable {

    /** IANA port for coap (RFC 7252 section 12.6). */
    public static final int DEFAULT_PORT = 5683;

    private static final String NOT_STARTED = "not started (coap start first)";

    private final AgentSettings settings;
    private final AgentCore core;

    // Guarded by this.
    private PlainEndpoint endpoint;
    private TransmissionParameters requestParameters;
    private TransmissionParameters responseParameters;

    /** @param settings the socket (with the coap port) and RFC 7252 timing */
    public CoapAgent(AgentSettings settings, AgentListener listener) {
        this.settings = settings;
        this.core = new AgentCore(this, "coap-agent-timers", settings, listener, AgentResource.Rules.PLAIN,
                peer -> null, peer -> { });
    }

    /** Binds the socket; a started agent stays as it is, as OpenThread's does. */
    public synchronized void start() throws AgentException {
        if (endpoint != null) {
            return;
        }
        PlainEndpoint created = PlainEndpoint.create(settings.coap());
        core.attach(created);
        try {
            created.start();
        } catch (IOException e) {
            created.destroy();
            throw new AgentException(OtError.FAILED,
                    "cannot bind UDP " + Formats.socketAddress(settings.bindAddress()) + ": " + e.getMessage());
        }
        endpoint = created;
    }

    /** Releases the socket; requests under way end with Abort. The resource and its content stay. */
    public void stop() {
        PlainEndpoint stopping;
        synchronized (this) {
            stopping = endpoint;
            endpoint = null;
            if (stopping == null) {
                return;
            }
            core.client.stopped();
            notifyAll();
        }
        stopping.destroy();
    }

    public synchronized boolean isStarted() {
        return endpoint != null;
    }

    /** The address the socket is bound to, or null when not started. */
    public synchronized InetSocketAddress localAddress() {
        return endpoint == null ? null : endpoint.localAddress();
    }

    /**
     * Sends a request to the peer. A GET or a confirmable request reports its response or failure; a
     * non-confirmable PUT, POST or DELETE reports nothing.
     */
    public void request(InetSocketAddress peer, Code method, String uri, boolean confirmable, byte[] payload)
            throws AgentException {
        request(peer, method, uri, confirmable, payload, RequestOptions.NONE);
    }

    /** A request with options OpenThread's commands do not send (one-shot requests). */
    public synchronized void request(InetSocketAddress peer, Code method, String uri, boolean confirmable,
            byte[] payload, RequestOptions options) throws AgentException {
        CoapsAgent.checkRequest(uri, payload);
        core.client.send(started(), peer, method, uri, confirmable, payload, options);
    }

    /**
     * OpenThread's block-wise request: a GET with Block2 of this size, or a PUT or POST of the block
     * count's random blocks with Block1; see {@link CoapsAgent#requestBlockwise}.
     *
     * @return the first block of an upload, which OpenThread prints before Done; null for a GET
     */
    public synchronized byte[] requestBlockwise(InetSocketAddress peer, Code method, String uri, int szx, Long count)
            throws AgentException {
        CoapsAgent.checkRequest(uri, new byte[0]);
        int blocks = Blocks.blockCount(core.resource, count, szx, method);
        PlainEndpoint current = started();
        if (count != null) {
            core.resource.setBlockCount(blocks);
        }
        if (method == Code.GET) {
            core.client.getBlockwise(current, peer, uri, szx);
            return null;
        }
        byte[] body = Blocks.randomBody(blocks, szx);
        core.client.upload(current, peer, method, uri, szx, body);
        return Blocks.firstBlock(body, szx);
    }

    /** Observes the peer's resource (RFC 7641), replacing any observation without telling its server. */
    public synchronized void observe(InetSocketAddress peer, String uri, boolean confirmable) throws AgentException {
        Checks.uri(uri);
        core.client.observe(started(), peer, uri, confirmable);
    }

    /** Ends our observation with a GET with Observe=1; its response is reported like any response. */
    public synchronized void cancelObservation() throws AgentException {
        core.client.cancelObservation(started());
    }

    /** The parameters of our requests; null while they are the agent's ("default"). */
    public synchronized TransmissionParameters requestParameters() {
        return requestParameters;
    }

    /** The parameters of confirmable responses (notifications); null while they are the agent's. */
    public synchronized TransmissionParameters responseParameters() {
        return responseParameters;
    }

    public synchronized void useRequestParameters(TransmissionParameters parameters) {
        requestParameters = parameters;
        core.client.useTransmission(parameters);
    }

    public synchronized void useResponseParameters(TransmissionParameters parameters) {
        responseParameters = parameters;
        core.resource.useTransmission(parameters);
    }

    /** The resource this agent serves. */
    public ServedResource resource() {
        return core.served;
    }

    private PlainEndpoint started() throws AgentException {
        if (endpoint == null) {
            throw AgentException.detailed(OtError.INVALID_STATE, NOT_STARTED);
        }
        return endpoint;
    }

    /** Waits until no request is waiting for its outcome; false if that did not happen in time. */
    public synchronized boolean awaitSettled(Duration timeout) throws InterruptedException {
        return AgentCore.awaitUnderLock(this, timeout, () -> core.client.nothingOutstanding());
    }

    /** Waits until every event queued so far has been delivered. */
    public void awaitQueuedEvents() {
        core.events.awaitDelivered();
    }

    @Override
    public void close() {
        stop();
        core.close();
    }
}
