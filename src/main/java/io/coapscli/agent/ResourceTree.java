package io.coapscli.agent;

import java.util.List;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.DiscoveryResource;

/**
 * What {@code GET /.well-known/core} lists (RFC 6690): the agent's one resource at its path, with its
 * {@code obs} attribute. Californium's discovery resource writes the link format, answers queries such as
 * {@code ?obs} and refuses an Accept other than application/link-format; this class only keeps its tree
 * in step with {@code coaps resource}. The segments above the resource are not resources and stay unlisted.
 */
final class ResourceTree {

    private static final UriPath WELL_KNOWN_CORE = UriPath.parse(".well-known/core");

    private final CoapResource root = new CoapResource("");
    private final DiscoveryResource discovery = new DiscoveryResource(root);
    private final CoapResource resource;
    private CoapResource topOfPath;

    ResourceTree(CoapResource resource) {
        this.resource = resource;
        CoapResource wellKnown = new CoapResource(".well-known", false);
        wellKnown.add(discovery);
        root.add(wellKnown);
    }

    /** Puts the resource at this path; an empty path takes it out of the listing. */
    synchronized void place(UriPath path) {
        if (topOfPath != null) {
            root.delete(topOfPath);
            if (resource.getParent() != null) {
                resource.getParent().delete(resource);
            }
            topOfPath = null;
        }
        List<String> segments = path.segments();
        if (segments.isEmpty()) {
            return;
        }
        CoapResource parent = root;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            CoapResource step = new CoapResource(segment, false);
            parent.add(step);
            parent = step;
            topOfPath = topOfPath == null ? step : topOfPath;
        }
        resource.setName(segments.get(segments.size() - 1));
        parent.add(resource);
        topOfPath = topOfPath == null ? resource : topOfPath;
    }

    /** Whether a request's Uri-Path names /.well-known/core. */
    static boolean isDiscovery(List<String> requestPath) {
        return WELL_KNOWN_CORE.matches(requestPath);
    }

    /** Answers a discovery request. */
    synchronized void discover(Exchange exchange) {
        discovery.handleRequest(exchange);
    }
}
