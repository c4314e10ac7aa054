package io.coapscli.dtls;

import java.net.InetSocketAddress;

import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.MapBasedEndpointContext;

/**
 * {@code coaps connect} performs only a DTLS handshake, as OpenThread does. Scandium starts a handshake
 * when there is data to send, so we send an empty record whose context is a {@link HandshakeProbe}: the
 * matcher lets it start a full handshake and then drops it once the session exists, so nothing but the
 * handshake reaches the wire.
 */
final class HandshakeProbe extends MapBasedEndpointContext {

    HandshakeProbe(InetSocketAddress peer) {
        super(peer, null, DtlsEndpointContext.ATTRIBUE_HANDSHAKE_MODE_FORCE_FULL);
    }

    /** Wraps the endpoint's own matcher; only probes are treated differently. */
    static final class Matcher implements EndpointContextMatcher {
        private final EndpointContextMatcher delegate;

        Matcher(EndpointContextMatcher delegate) {
            this.delegate = delegate;
        }

        @Override
        public String getName() {
            return "handshake-probe+" + delegate.getName();
        }

        @Override
        public boolean isResponseRelatedToRequest(EndpointContext requestContext, EndpointContext responseContext) {
            return delegate.isResponseRelatedToRequest(requestContext, responseContext);
        }

        @Override
        public boolean isToBeSent(EndpointContext messageContext, EndpointContext connectionContext) {
            if (messageContext instanceof HandshakeProbe) {
                return connectionContext == null;
            }
            return delegate.isToBeSent(messageContext, connectionContext);
        }

        @Override
        public Object getEndpointIdentity(EndpointContext context) {
            return delegate.getEndpointIdentity(context);
        }

        @Override
        public String toRelevantState(EndpointContext context) {
            return delegate.toRelevantState(context);
        }
    }
}
