package io.coapscli.shell;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.TreeMap;

import io.coapscli.agent.AgentEvent;
import io.coapscli.agent.AgentException;
import io.coapscli.agent.CoapMessage;
import io.coapscli.agent.Formats;
import io.coapscli.agent.Link;
import io.coapscli.json.Json;
import io.coapscli.payload.PayloadView;
import io.coapscli.payload.Utf8;
import io.coapscli.agent.OtError;
import io.coapscli.agent.SessionInfo;

/** One JSON object per line for every output line, result and event ({@code --json}; schema in docs/CLI.md). */
public final class JsonPresenter implements Presenter {

    private final Output out;

    public JsonPresenter(Output out) {
        this.out = out;
    }

    @Override
    public Output output() {
        return out;
    }

    @Override
    public void commandOutput(String line) {
        out.line(Json.object().put("type", "output").put("line", line).toString());
    }

    @Override
    public void result(String commandLine, AgentException error) {
        Json json = Json.object().put("type", "result").put("command", SecretLines.masked(commandLine)).put("done", error == null);
        if (error != null) {
            json.put("error", error(error.error())).put("reason", error.why());
        }
        synchronized (out) {
            out.line(json.put("line", error == null ? "Done" : EventLines.errorLine(error.error())).toString());
            out.flush();
        }
    }

    @Override
    public void event(AgentName agent, AgentEvent event) {
        Json json = Json.object().put("type", "event").put("agent", agent.word()).put("event", name(event));
        if (event instanceof AgentEvent.Connected connected) {
            peer(json, connected.peer()).put("role", role(connected.clientRole()));
            session(json, connected.session());
        } else if (event instanceof AgentEvent.Disconnected disconnected) {
            peer(json, disconnected.peer()).put("role", role(disconnected.clientRole()))
                    .put("wasEstablished", disconnected.wasEstablished()).put("reason", disconnected.reason());
        } else if (event instanceof AgentEvent.ResponseReceived response) {
            peer(json, response.peer());
            message(json, response.message());
            json.put("roundTripMs", response.roundTrip().toNanos() / 1e6);
            session(json, response.session());
        } else if (event instanceof AgentEvent.NotificationReceived notification) {
            peer(json, notification.peer());
            message(json, notification.message());
            session(json, notification.session());
        } else if (event instanceof AgentEvent.RequestFailed failed) {
            json.put("error", error(failed.error())).put("reason", failed.reason());
        } else if (event instanceof AgentEvent.NotificationFailed failed) {
            peer(json, failed.peer()).put("error", error(failed.error())).put("reason", failed.reason());
        } else if (event instanceof AgentEvent.Reconnecting reconnecting) {
            peer(json, reconnecting.peer());
        } else if (event instanceof AgentEvent.SessionMoved moved) {
            peer(json, moved.to()).put("role", role(moved.clientRole())).put("from",
                    Json.object().put("address", Formats.address(moved.from())).put("port", moved.from().getPort()));
        } else if (event instanceof AgentEvent.ObserverAdded added) {
            peer(json, added.peer());
        } else if (event instanceof AgentEvent.ObserverRemoved removed) {
            peer(json, removed.peer());
        } else if (event instanceof AgentEvent.NotifyingObserver notifying) {
            peer(json, notifying.peer());
        } else if (event instanceof AgentEvent.NotificationAcknowledged acknowledged) {
            peer(json, acknowledged.peer());
        } else if (event instanceof AgentEvent.RequestReceived request) {
            peer(json, request.peer()).put("method", request.method());
            message(json, request.message());
            session(json, request.session());
        } else if (event instanceof AgentEvent.ResponseSent sent) {
            peer(json, sent.peer());
            message(json, sent.message());
        } else if (event instanceof AgentEvent.BlockSent sent) {
            json.put("number", sent.number()).put("length", sent.block().length).put("payloadHex",
                    Formats.hex(sent.block()));
        } else if (event instanceof AgentEvent.BlockReceived received) {
            json.put("number", received.number()).put("length", received.block().length).put("payloadHex",
                    Formats.hex(received.block()));
        }
        // Every object has its line; an event that prints none (a failed handshake a client started) has null.
        String line = EventLines.format(agent, event);
        out.line(json.put("line", line == null ? Json.NULL : line).toString());
    }

    private static String name(AgentEvent event) {
        if (event instanceof AgentEvent.Connected) {
            return "connected";
        } else if (event instanceof AgentEvent.Disconnected) {
            return "disconnected";
        } else if (event instanceof AgentEvent.ResponseReceived) {
            return "response";
        } else if (event instanceof AgentEvent.RequestFailed) {
            return "requestFailed";
        } else if (event instanceof AgentEvent.RequestReceived) {
            return "request";
        } else if (event instanceof AgentEvent.ResponseSent) {
            return "responseSent";
        } else if (event instanceof AgentEvent.NotificationReceived) {
            return "notification";
        } else if (event instanceof AgentEvent.Reconnecting) {
            return "reconnecting";
        } else if (event instanceof AgentEvent.SessionMoved) {
            return "sessionMoved";
        } else if (event instanceof AgentEvent.ObserverAdded) {
            return "observerAdded";
        } else if (event instanceof AgentEvent.ObserverRemoved) {
            return "observerRemoved";
        } else if (event instanceof AgentEvent.NotifyingObserver) {
            return "notifying";
        } else if (event instanceof AgentEvent.NotificationAcknowledged) {
            return "notificationAcknowledged";
        } else if (event instanceof AgentEvent.BlockSent) {
            return "blockSent";
        } else if (event instanceof AgentEvent.BlockReceived) {
            return "blockReceived";
        }
        return "notificationFailed";
    }

    private static Json error(OtError error) {
        return Json.object().put("number", error.number()).put("name", error.otName());
    }

    private static String role(boolean clientRole) {
        return clientRole ? "client" : "server";
    }

    private static Json peer(Json json, InetSocketAddress peer) {
        return json.put("peer", Json.object().put("address", Formats.address(peer)).put("port", peer.getPort()));
    }

    private static void session(Json json, SessionInfo session) {
        if (session == null) {
            return; // plain CoAP
        }
        json.put("cipherSuite", session.cipherSuite()).put("peerIdentity", session.peerIdentity());
    }

    private static void message(Json json, CoapMessage message) {
        byte[] payload = message.payload();
        json.put("coapType", message.type()).put("code", message.code()).put("options", message.options());
        if (message.observe() != null) {
            json.put("observe", message.observe());
        }
        List<Link> links = message.links();
        if (!links.isEmpty()) {
            json.put("links", links.stream().map(JsonPresenter::link).toList());
        }
        json
                .put("payloadHex", Formats.hex(payload)).put("payloadText", printableText(payload));
        decoded(message).ifPresent(decoded -> json.put("decoded", decoded.json() ? new Json.Raw(decoded.compact())
                : decoded.compact()));
    }

    /** The payload decoded for its Content-Format; not for link format, whose links are fields of their own. */
    static java.util.Optional<PayloadView.Decoded> decoded(CoapMessage message) {
        Integer format = message.contentFormat();
        return format == null || format == PayloadView.LINK_FORMAT ? java.util.Optional.empty()
                : PayloadView.of(format, message.payload());
    }

    /** A link as {"uri": ..., "attributes": {name: [values]}}; a flag attribute ({@code obs}) is {@code true}. */
    private static Json link(Link link) {
        Json attributes = Json.object();
        new TreeMap<>(link.attributes()).forEach((name, values) -> attributes.put(name,
                values.isEmpty() ? (Object) Boolean.TRUE : values));
        return Json.object().put("uri", link.uri()).put("attributes", attributes);
    }

    /** The payload as text when it is printable UTF-8, else null (left out). */
    static String printableText(byte[] payload) {
        return Utf8.printable(payload).orElse(null);
    }
}
