package io.coapscli.shell;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.coapscli.agent.AgentEvent;
import io.coapscli.agent.CoapMessage;
import io.coapscli.agent.Formats;
import io.coapscli.agent.Link;
import io.coapscli.agent.OtError;
import io.coapscli.agent.SessionInfo;

/** OpenThread's asynchronous lines for the agent's events, and the verbose details below them. */
final class EventLines {

    private EventLines() {
    }

    /**
     * The event's line; null for a handshake a client started with us that failed: it never connected,
     * so there is nothing to print {@code coaps disconnected} for (verbose mode shows its detail line).
     */
    static String format(AgentEvent event) {
        return format(AgentName.COAPS, event);
    }

    /** The event's line as the agent prints it: {@code coaps ...} or {@code coap ...}. */
    static String format(AgentName agent, AgentEvent event) {
        String name = agent.word();
        if (event instanceof AgentEvent.Connected) {
            return name + " connected";
        } else if (event instanceof AgentEvent.Disconnected disconnected) {
            return disconnected.clientRole() || disconnected.wasEstablished() ? name + " disconnected" : null;
        } else if (event instanceof AgentEvent.ResponseReceived response) {
            return responseLine(name, response.peer(), response.message());
        } else if (event instanceof AgentEvent.NotificationReceived notification) {
            return responseLine(name, notification.peer(), notification.message());
        } else if (event instanceof AgentEvent.RequestFailed failure) {
            return name + " receive response error " + failure.error().number() + ": " + failure.error().otName();
        } else if (event instanceof AgentEvent.RequestReceived request) {
            return name + " request from " + Formats.address(request.peer()) + " " + request.method()
                    + (request.method().equals("GET") ? observe(request.message()) : "") + withPayload(request.payload());
        } else if (event instanceof AgentEvent.ResponseSent) {
            return name + " response sent";
        } else if (event instanceof AgentEvent.BlockSent sent) {
            return "send block: Num " + sent.number() + " Len " + sent.block().length;
        } else if (event instanceof AgentEvent.BlockReceived received) {
            return "received block: Num " + received.number() + " Len " + received.block().length;
        } else if (event instanceof AgentEvent.Reconnecting reconnecting) {
            return name + " reconnecting to " + Formats.socketAddress(reconnecting.peer());
        } else if (event instanceof AgentEvent.SessionMoved moved) {
            return name + " session moved from " + Formats.socketAddress(moved.from()) + " to "
                    + Formats.socketAddress(moved.to());
        } else if (event instanceof AgentEvent.ObserverAdded) {
            return "Subscribing client";
        } else if (event instanceof AgentEvent.ObserverRemoved removed) {
            return "Removed subscriber " + Formats.address(removed.peer());
        } else if (event instanceof AgentEvent.NotifyingObserver notifying) {
            return notifying(agent, notifying.peer());
        } else if (event instanceof AgentEvent.NotificationAcknowledged acknowledged) {
            return "Received " + name + " notification ACK from " + Formats.address(acknowledged.peer());
        } else if (event instanceof AgentEvent.NotificationFailed failed) {
            return name + " notification delivery error " + failed.error().number() + ": " + failed.error().otName();
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    /**
     * The lines below a block's line: its bytes in hex, 16 to a line, whole lines only, as OpenThread
     * prints them (the last bytes of a block whose length is no multiple of 16 are not shown).
     */
    static List<String> rows(AgentEvent event) {
        byte[] block = event instanceof AgentEvent.BlockSent sent ? sent.block()
                : event instanceof AgentEvent.BlockReceived received ? received.block() : null;
        List<String> rows = new ArrayList<>();
        for (int row = 0; block != null && row + 16 <= block.length; row += 16) {
            rows.add(Formats.hex(java.util.Arrays.copyOfRange(block, row, row + 16)));
        }
        return rows;
    }

    /** A block's line and its rows. */
    static List<String> blockLines(AgentEvent block) {
        List<String> lines = new ArrayList<>();
        lines.add(format(block));
        lines.addAll(rows(block));
        return lines;
    }

    /** OpenThread's line for a notification about to leave, printed by {@code coaps set} or as an event. */
    static String notifying(AgentName agent, InetSocketAddress observer) {
        return "sending " + agent.word() + " notification to " + Formats.address(observer);
    }

    static String errorLine(OtError error) {
        return "Error " + error.number() + ": " + error.otName();
    }

    /**
     * The links of a response in link format (a discovery response), one per line below OpenThread's hex
     * line, so that what a server lists can be read.
     */
    static List<String> links(AgentEvent event) {
        CoapMessage message = event instanceof AgentEvent.ResponseReceived response ? response.message()
                : event instanceof AgentEvent.NotificationReceived notification ? notification.message() : null;
        return message == null ? List.of() : message.links().stream().map(Link::text).toList();
    }

    /** OpenThread's line for a response, and for a notification, which it prints the same way. */
    private static String responseLine(String name, InetSocketAddress peer, CoapMessage message) {
        return name + " response from " + Formats.address(peer) + observe(message) + withPayload(message.payload());
    }

    /** What verbose mode adds below an event's line: codes, timing, the session, reasons. */
    static List<String> details(AgentEvent event) {
        List<String> details = new ArrayList<>();
        if (event instanceof AgentEvent.Connected connected) {
            details.add(role(connected.clientRole()) + " session with " + Formats.socketAddress(connected.peer()) + ", "
                    + session(connected.session()));
        } else if (event instanceof AgentEvent.Disconnected disconnected) {
            details.add(role(disconnected.clientRole()) + " session with " + Formats.socketAddress(disconnected.peer())
                    + ": " + disconnected.reason());
        } else if (event instanceof AgentEvent.ResponseReceived response) {
            details.add(message(response.message()) + " in " + millis(response.roundTrip().toNanos()) + " ms, "
                    + session(response.session()));
            decodedLine(response.message(), details);
        } else if (event instanceof AgentEvent.NotificationReceived notification) {
            details.add(message(notification.message()) + ", " + session(notification.session()));
            decodedLine(notification.message(), details);
        } else if (event instanceof AgentEvent.RequestFailed failure) {
            details.add(failure.reason());
        } else if (event instanceof AgentEvent.NotificationFailed failure) {
            details.add(failure.reason());
        } else if (event instanceof AgentEvent.RequestReceived request) {
            details.add(message(request.message()) + ", " + session(request.session()));
            decodedLine(request.message(), details);
        } else if (event instanceof AgentEvent.ResponseSent sent) {
            details.add(message(sent.message()));
        }
        return details;
    }

    /** The payload as its Content-Format reads (CBOR as JSON or diagnostic notation, JSON compact), on one line. */
    private static void decodedLine(CoapMessage message, List<String> details) {
        JsonPresenter.decoded(message).ifPresent(decoded -> details.add("decoded: " + decoded.compact()));
    }

    private static String role(boolean clientRole) {
        return clientRole ? "client" : "server";
    }

    private static String session(SessionInfo session) {
        return session == null ? "plain CoAP, no session" : session.cipherSuite() == null ? "session unknown"
                : session.cipherSuite() + (session.peerIdentity() == null ? "" : ", peer " + session.peerIdentity());
    }

    private static String message(CoapMessage message) {
        return message.code() + " " + message.type()
                + (message.options().isEmpty() ? "" : " [" + String.join(", ", message.options()) + "]");
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** OpenThread's " OBS=<n>" for a message with an Observe option. */
    private static String observe(CoapMessage message) {
        return message.observe() == null ? "" : " OBS=" + message.observe();
    }

    private static String withPayload(byte[] payload) {
        return payload.length == 0 ? "" : " with payload: " + Formats.hex(payload);
    }
}
