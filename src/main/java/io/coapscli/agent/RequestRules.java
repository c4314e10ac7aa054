package io.coapscli.agent;

import java.util.List;
import java.util.Set;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.OptionNumberRegistry;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;

/**
 * What RFC 7252 asks of a server before it performs a request, where Californium leaves it to the
 * resource: critical options it does not process (section 5.4.1), proxying (5.7.2), preconditions
 * (5.10.8) and Accept (5.10.4). Each check answers with the error code to send, or null to go on.
 */
final class RequestRules {

    /**
     * Critical options (odd numbers) this server processes: the target URI's parts, the block-wise
     * options Californium handles, the precondition and Accept checks below, and the proxy options that
     * it answers with 5.05. Anything else critical (OSCORE 9, Q-Block1 19, EDHOC 21, Q-Block2 31) is not
     * understood and must not be ignored.
     */
    private static final Set<Integer> PROCESSED_CRITICAL = Set.of(
            OptionNumberRegistry.IF_MATCH, OptionNumberRegistry.URI_HOST, OptionNumberRegistry.IF_NONE_MATCH,
            OptionNumberRegistry.URI_PORT, OptionNumberRegistry.URI_PATH, OptionNumberRegistry.URI_QUERY,
            OptionNumberRegistry.ACCEPT, OptionNumberRegistry.BLOCK2, OptionNumberRegistry.BLOCK1,
            OptionNumberRegistry.PROXY_URI, OptionNumberRegistry.PROXY_SCHEME);

    /**
     * The content is served without a Content-Format: any bytes the user set. text/plain and
     * application/octet-stream both describe it; other formats cannot be promised.
     */
    private static final Set<Integer> ACCEPTABLE_FORMATS = Set.of(MediaTypeRegistry.TEXT_PLAIN,
            MediaTypeRegistry.APPLICATION_OCTET_STREAM);

    private RequestRules() {
    }

    /**
     * The first critical option this server does not process, or null. Californium keeps the options it
     * knows in fields (of which OSCORE is the one critical option not processed here) and the rest in a
     * list; looking there costs nothing per request, where listing every option would.
     */
    static Integer unprocessedCriticalOption(Request request) {
        OptionSet options = request.getOptions();
        if (options.hasOscore()) {
            return OptionNumberRegistry.OSCORE;
        }
        for (Option option : options.getOthers()) {
            int number = option.getNumber();
            if (OptionNumberRegistry.isCritical(number) && !PROCESSED_CRITICAL.contains(number)) {
                return number;
            }
        }
        return null;
    }

    /** 5.05 for a request that asks this server to act as a proxy. */
    static ResponseCode proxying(Request request) {
        OptionSet options = request.getOptions();
        return options.hasProxyUri() || options.hasProxyScheme() ? ResponseCode.PROXY_NOT_SUPPORTED : null;
    }

    /**
     * 4.12 when a precondition fails on the resource, which always exists and has no ETag: If-None-Match
     * always fails; If-Match passes only with an empty value ("the resource exists").
     */
    static ResponseCode precondition(Request request) {
        OptionSet options = request.getOptions();
        if (options.hasIfNoneMatch()) {
            return ResponseCode.PRECONDITION_FAILED;
        }
        List<byte[]> ifMatch = options.getIfMatch();
        if (!ifMatch.isEmpty() && ifMatch.stream().noneMatch(value -> value.length == 0)) {
            return ResponseCode.PRECONDITION_FAILED;
        }
        return null;
    }

    /** 4.06 when the client accepts only a format the content cannot be promised in. */
    static ResponseCode accept(Request request) {
        OptionSet options = request.getOptions();
        return options.hasAccept() && !ACCEPTABLE_FORMATS.contains(options.getAccept())
                ? ResponseCode.NOT_ACCEPTABLE : null;
    }
}
