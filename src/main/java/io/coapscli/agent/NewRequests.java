package io.coapscli.agent;

import java.net.InetSocketAddress;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.elements.AddressEndpointContext;

/** Requests as OpenThread's CLI builds them from {@code <uri-path>[?<query>]}. */
final class NewRequests {

    private NewRequests() {
    }

    static Request to(InetSocketAddress peer, Code method, String uri, boolean confirmable) {
        Request request = new Request(method, confirmable ? Type.CON : Type.NON);
        request.setDestinationContext(new AddressEndpointContext(peer));
        int query = uri.indexOf('?');
        request.getOptions().setUriPath(query < 0 ? uri : uri.substring(0, query));
        if (query >= 0) {
            request.getOptions().setUriQuery(uri.substring(query + 1));
        }
        return request;
    }
}
