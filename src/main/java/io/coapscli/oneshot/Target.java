package io.coapscli.oneshot;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.coapscli.agent.AddressLiteral;
import io.coapscli.agent.AgentException;
import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.CoapAgent;
import io.coapscli.agent.PeerAddresses;

/**
 * Where a coaps:// or coap:// URI points: the server, the Uri-Path and Uri-Query, Uri-Host for a name, and
 * whether DTLS secures the exchange. Checked by the rules {@code coaps connect} follows, before anything is
 * sent.
 */
record Target(InetSocketAddress peer, String pathAndQuery, String uriHost, boolean secure) {

    /**
     * An IPv6 literal with a zone, which java.net.URI does not take: RFC 6874 writes the zone's {@code %}
     * as {@code %25} ({@code [fe80::1%25eth0]}); the bare form ({@code [fe80::1%eth0]}) is taken too.
     */
    private static final Pattern ZONED_HOST = Pattern.compile("\\[([0-9A-Fa-f:.]+)%(?:25)?([^\\]/]+)\\]");

    static Target parse(String text) throws OneShot.UsageError {
        Matcher zoned = ZONED_HOST.matcher(text);
        String zone = null;
        String uriText = text;
        if (zoned.find()) {
            zone = URLDecoder.decode(zoned.group(2), StandardCharsets.UTF_8);
            uriText = text.substring(0, zoned.start()) + "[" + zoned.group(1) + "]" + text.substring(zoned.end());
        }
        URI uri;
        try {
            uri = new URI(uriText);
        } catch (URISyntaxException e) {
            throw new OneShot.UsageError("not a URI: " + text + " (" + e.getReason() + ")");
        }
        boolean secure = "coaps".equalsIgnoreCase(uri.getScheme());
        if (!(secure || "coap".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new OneShot.UsageError("the URI must be coaps://host[:port]/path or coap://host[:port]/path, not "
                    + text);
        }
        String host = uri.getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (zone != null) {
            bare = bare + "%" + zone;
        }
        try {
            InetAddress address = PeerAddresses.peer(bare);
            int defaultPort = secure ? AgentSettings.DEFAULT_PORT : CoapAgent.DEFAULT_PORT;
            int port = PeerAddresses.port(uri.getPort() < 0 ? defaultPort : uri.getPort());
            String uriHost = AddressLiteral.parse(bare).isPresent() ? null : bare;
            return new Target(new InetSocketAddress(address, port), pathAndQuery(uri), uriHost, secure);
        } catch (AgentException e) {
            throw new OneShot.UsageError(e.why() + " (in " + text + ")");
        }
    }

    private static String pathAndQuery(URI uri) {
        List<String> path = new ArrayList<>();
        for (String segment : (uri.getRawPath() == null ? "" : uri.getRawPath()).split("/")) {
            if (!segment.isEmpty()) {
                path.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        String query = uri.getRawQuery() == null ? ""
                : "?" + URLDecoder.decode(uri.getRawQuery().replace("+", "%2B"), StandardCharsets.UTF_8);
        return String.join("/", path) + query;
    }
}
