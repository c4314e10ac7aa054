package io.coapscli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.coapscli.agent.AgentEvent;
import io.coapscli.testing.Loopback;

/** Events as JSON objects, one a line, with the line a person would read. */
class JsonPresenterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final JsonPresenter json = new JsonPresenter(new StreamOutput(stream));

    private String printed() {
        json.flush();
        stream.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aReconnectIsAnEventWithItsPeerAndItsLine() {
        json.event(new AgentEvent.Reconnecting(new InetSocketAddress(Loopback.IPV4, 5684)));
        json.output().flush();
        assertEquals("{\"type\":\"event\",\"agent\":\"coaps\",\"event\":\"reconnecting\",\"peer\":{\"address\":\"127.0.0.1\",\"port\":5684},"
                + "\"line\":\"coaps reconnecting to 127.0.0.1:5684\"}\n", printed());
    }

    @Test
    void aHandshakeAClientStartedThatFailedHasANullLine() {
        json.event(new AgentEvent.Disconnected(new InetSocketAddress(Loopback.IPV4, 40000), false, false, "handshake failed"));
        assertEquals("{\"type\":\"event\",\"agent\":\"coaps\",\"event\":\"disconnected\",\"peer\":{\"address\":\"127.0.0.1\",\"port\":40000},"
                + "\"role\":\"server\",\"wasEstablished\":false,\"reason\":\"handshake failed\",\"line\":null}\n",
                printed());
    }
}
