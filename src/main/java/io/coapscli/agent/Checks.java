package io.coapscli.agent;

import java.nio.charset.StandardCharsets;

import io.coapscli.coap.CoapLimits;

/**
 * Every value the agent is given, checked against what the CoAP and DTLS layers can carry, before it is
 * stored or sent. A refusal is {@link OtError#INVALID_ARGS} with the reason in words.
 */
final class Checks {

    private Checks() {
    }

    /** A request's {@code path[?query]}: each segment and the whole within the option limits. */
    static void uri(String uri) throws AgentException {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        segments(path.split("/"), "Uri-Path");
        if (query >= 0) {
            segments(uri.substring(query + 1).split("&"), "Uri-Query");
        }
        int length = utf8Length(uri);
        if (length > CoapLimits.MAX_URI_BYTES) {
            throw invalid("the URI has " + length + " bytes; at most " + CoapLimits.MAX_URI_BYTES);
        }
    }

    /** The served resource's path: a request for it must be able to name it. */
    static void resourcePath(String path) throws AgentException {
        segments(path.split("/"), "Uri-Path");
        int length = utf8Length(path);
        if (length > CoapLimits.MAX_URI_BYTES) {
            throw invalid("the path has " + length + " bytes; at most " + CoapLimits.MAX_URI_BYTES);
        }
    }

    /** A request payload or the resource content. */
    static void body(byte[] body, String what) throws AgentException {
        if (body.length > CoapLimits.MAX_BODY_BYTES) {
            throw invalid(what + " has " + body.length + " bytes; at most " + CoapLimits.MAX_BODY_BYTES);
        }
    }

    static void psk(byte[] key, byte[] identity) throws AgentException {
        try {
            io.coapscli.dtls.Credentials.psk(key, identity);
        } catch (io.coapscli.dtls.CredentialException e) {
            throw invalid(e.getMessage());
        }
    }

    private static void segments(String[] segments, String option) throws AgentException {
        for (String segment : segments) {
            int length = utf8Length(segment);
            if (length > CoapLimits.MAX_URI_SEGMENT_BYTES) {
                throw invalid("a " + option + " segment has " + length + " bytes; at most "
                        + CoapLimits.MAX_URI_SEGMENT_BYTES);
            }
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static AgentException invalid(String reason) {
        return new AgentException(OtError.INVALID_ARGS, reason);
    }
}
