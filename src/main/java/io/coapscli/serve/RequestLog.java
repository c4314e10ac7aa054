package io.coapscli.serve;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HexFormat;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

import io.coapscli.agent.Formats;
import io.coapscli.json.Json;
import io.coapscli.payload.Utf8;

/**
 * One JSON line for every request the server answered (or dropped on purpose), and for every
 * notification it sent: what a CI job asserts its client sent. Field reference: docs/CLI.md, "serve".
 */
final class RequestLog {

    private final PrintStream out;

    RequestLog(PrintStream out) {
        this.out = out;
    }

    /**
     * @param response the answer; null when the request was dropped
     * @param event "request" or "notification"
     */
    void record(String event, Request request, Response response, Long delayMs) {
        InetSocketAddress peer = request.getSourceContext().getPeerAddress();
        Json line = Json.object()
                .put("time", Instant.now().toString())
                .put("event", event)
                .put("peer", Formats.socketAddress(peer))
                .put("method", request.getCode().name())
                .put("path", "/" + request.getOptions().getUriPathString())
                .put("query", request.getOptions().getURIQueryCount() == 0 ? null
                        : request.getOptions().getUriQueryString())
                .put("type", request.getType().name())
                .put("mid", request.getMID())
                .put("token", HexFormat.of().formatHex(request.getTokenBytes()))
                .put("observe", request.getOptions().hasObserve() ? request.getOptions().getObserve() : null)
                .put("accept", request.getOptions().hasAccept() ? request.getOptions().getAccept() : null)
                .put("contentFormat", request.getOptions().hasContentFormat()
                        ? request.getOptions().getContentFormat() : null);
        line.put("payloadBytes", request.getPayloadSize());
        putPayload(line, "payload", request.getPayload());
        if (response == null) {
            line.put("dropped", true);
        } else {
            line.put("code", response.getCode().text)
                    .put("responseContentFormat", response.getOptions().hasContentFormat()
                            ? response.getOptions().getContentFormat() : null)
                    .put("responseBytes", response.getPayloadSize())
                    .put("delayMs", delayMs);
        }
        synchronized (out) {
            out.println(line);
        }
    }

    /** A session's line: "connected" (with its suite and the client's identity) or "disconnected" (why). */
    void session(String event, InetSocketAddress peer, String cipherSuite, String identity, String reason) {
        Json line = Json.object().put("time", Instant.now().toString()).put("event", event)
                .put("peer", Formats.socketAddress(peer)).put("cipherSuite", cipherSuite).put("identity", identity)
                .put("reason", reason);
        synchronized (out) {
            out.println(line);
        }
    }

    /** Text when the bytes are printable UTF-8, hex otherwise ({@code <name>Hex}). */
    private static void putPayload(Json line, String name, byte[] payload) {
        if (payload == null || payload.length == 0) {
            return;
        }
        Utf8.printable(payload).ifPresentOrElse(text -> line.put(name, text),
                () -> line.put(name + "Hex", HexFormat.of().formatHex(payload)));
    }
}
