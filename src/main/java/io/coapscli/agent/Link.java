package io.coapscli.agent;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.WebLink;
import org.eclipse.californium.core.coap.LinkFormat;
import org.eclipse.californium.core.server.resources.ResourceAttributes;

/**
 * One link of a CoRE link-format body (RFC 6690), as a discovery response lists resources: its target
 * and attributes (a flag attribute such as {@code obs} has no values). Californium's parser reads them.
 *
 * @param text the link as one line of link format
 */
public record Link(String uri, Map<String, List<String>> attributes, String text) {

    /** The Content-Format of application/link-format. */
    static final int LINK_FORMAT = 40;

    static List<Link> parse(byte[] body) {
        return LinkFormat.parse(new String(body, StandardCharsets.UTF_8)).stream().map(Link::of).toList();
    }

    private static Link of(WebLink link) {
        ResourceAttributes source = link.getAttributes();
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (String key : source.getAttributeKeySet()) {
            attributes.put(key, source.getAttributeValues(key).stream().filter(value -> !value.isEmpty()).toList());
        }
        return new Link(link.getURI(), Map.copyOf(attributes), LinkFormat.serialize(link));
    }
}
