package io.coapscli.agent;

import java.net.InetSocketAddress;

import org.eclipse.californium.core.coap.ClientObserveRelation;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

/**
 * Our observation of a peer's resource (RFC 7641): at most one at a time, as in OpenThread's CLI.
 * Californium's relation orders the notifications and re-registers when Max-Age runs out.
 */
final class Observation {

    final InetSocketAddress peer;
    private final Request registration;
    private final ClientObserveRelation relation;

    Observation(InetSocketAddress peer, Request registration, ClientObserveRelation relation) {
        this.peer = peer;
        this.registration = registration;
        this.relation = relation;
    }

    boolean isFor(Response response) {
        return registration.getToken().equals(response.getToken());
    }

    /** Whether a response is newer than the last one (RFC 7641 section 3.4); stale ones are not shown. */
    boolean isFresh(Response response) {
        return relation.onResponse(response);
    }

    /** Forgets the observation here only: a later notification is answered with a Reset (RFC 7641 3.6). */
    void forget() {
        relation.reactiveCancel();
    }

    /**
     * Forgets the observation and returns the deregistration to send: a confirmable GET with Observe=1
     * and the registration's token and options, as OpenThread's {@code coap cancel} sends it.
     */
    Request deregistration() {
        forget();
        Request cancel = Request.newGet();
        cancel.setConfirmable(true);
        cancel.setDestinationContext(registration.getDestinationContext());
        cancel.setToken(registration.getToken());
        cancel.setOptions(registration.getOptions());
        cancel.setObserveCancel();
        return cancel;
    }
}
