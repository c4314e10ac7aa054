package io.coapscli.shell;

import io.coapscli.agent.AgentEvent;
import io.coapscli.agent.Formats;

/** OpenThread's asynchronous lines for the agent's events. */
final class EventLines {

    private EventLines() {
    }

    static String format(AgentEvent event) {
        if (event instanceof AgentEvent.Connected) {
            return "coaps connected";
        } else if (event instanceof AgentEvent.Disconnected) {
            return "coaps disconnected";
        } else if (event instanceof AgentEvent.ResponseReceived response) {
            return "coaps response from " + Formats.address(response.peer()) + withPayload(response.payload());
        } else if (event instanceof AgentEvent.RequestFailed failure) {
            return "coaps receive response error " + failure.error().number() + ": " + failure.error().otName();
        } else if (event instanceof AgentEvent.RequestReceived request) {
            return "coaps request from " + Formats.address(request.peer()) + " " + request.method()
                    + withPayload(request.payload());
        } else if (event instanceof AgentEvent.ResponseSent) {
            return "coaps response sent";
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    private static String withPayload(byte[] payload) {
        return payload.length == 0 ? "" : " with payload: " + Formats.hex(payload);
    }
}
