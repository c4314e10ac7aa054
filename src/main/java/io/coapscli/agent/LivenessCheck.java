package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.elements.AddressEndpointContext;

import io.coapscli.dtls.SecureEndpoint;

/**
 * Tells a dead peer from an unlucky one. A confirmable request with no acknowledgement after all its
 * retransmissions happens on a lossy link too (at 20 % loss each way, about one request in 160), so it
 * does not end the session by itself: a CoAP ping (an empty confirmable message, RFC 7252 4.3) follows,
 * under the same retransmission rules, and the session ends only if that gets no answer either (about
 * one request in 27,000 at that loss). Any answer, the Reset a live peer sends, keeps the session.
 */
final class LivenessCheck {

    private final Set<InetSocketAddress> pinging = ConcurrentHashMap.newKeySet();
    private final Runnable ended;

    /** @param ended called after each ping's outcome, whatever it was */
    LivenessCheck(Runnable ended) {
        this.ended = ended;
    }

    /** No ping is out: scripts wait for this before their next command, as for a request's outcome. */
    boolean isIdle() {
        return pinging.isEmpty();
    }

    private void done(InetSocketAddress peer) {
        pinging.remove(peer);
        ended.run();
    }

    /**
     * Pings the peer, unless a ping to it is already out.
     *
     * @param gone called, once, when the ping got no answer at all
     */
    void confirm(SecureEndpoint endpoint, InetSocketAddress peer, Consumer<String> gone) {
        if (!pinging.add(peer)) {
            return;
        }
        Request ping = Request.newPing();
        ping.setToken(Token.EMPTY);
        ping.setDestinationContext(new AddressEndpointContext(peer));
        ping.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onReject() {
                done(peer); // the Reset of a live peer
            }

            @Override
            public void onResponse(Response response) {
                done(peer);
            }

            @Override
            public void onTimeout() {
                gone.accept("the peer stopped answering: neither a confirmable request nor a CoAP ping was "
                        + "acknowledged");
                done(peer);
            }

            @Override
            public void onSendError(Throwable error) {
                gone.accept("the peer stopped answering: a confirmable request was not acknowledged, and a CoAP "
                        + "ping could not be sent (" + error.getMessage() + ")");
                done(peer);
            }

            @Override
            public void onCancel() {
                done(peer);
            }
        });
        endpoint.sendRequest(ping);
    }
}
