package io.coapscli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.coapscli.agent.AgentEvent;
import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.CoapAgent;
import io.coapscli.agent.CoapsAgent;
import io.coapscli.shell.AgentName;
import io.coapscli.shell.Output;
import io.coapscli.shell.Presenter;
import io.coapscli.shell.TextPresenter;
import io.coapscli.shell.Shell;

/**
 * One coaps-cli node in this JVM: a real agent on a real loopback UDP socket, driven through the real
 * shell. Lines a command prints are returned by {@link #run}; event lines are awaited with a timeout.
 */
public final class TestNode implements AutoCloseable {

    public static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    /** Short timers keep failure paths quick: handshakes give up after 0.2+0.4+0.8 s, requests after ~1.4 s. */
    public static final AgentSettings FAST = AgentSettings.defaults()
            .withCoapTiming(Duration.ofMillis(200), 1.0, 2)
            .withDtlsTiming(Duration.ofMillis(200), 2);

    private final CapturingOutput out = new CapturingOutput();
    private final CoapsAgent agent;
    private final CoapAgent plain;
    private final Shell shell;

    /** The events behind the printed lines, one for one and in the same order. */
    private final BlockingQueue<AgentEvent> agentEvents = new LinkedBlockingQueue<>();
    private AgentEvent lastEvent;

    private TestNode(AgentSettings settings) {
        AtomicBoolean verbose = new AtomicBoolean();
        Presenter presenter = new TextPresenter(out, verbose::get);
        this.agent = new CoapsAgent(settings, event -> {
            agentEvents.add(event);
            presenter.event(event);
        });
        this.plain = new CoapAgent(settings.forPlainAgent(), event -> {
            agentEvents.add(event);
            presenter.event(AgentName.COAP, event);
        });
        this.shell = new Shell(agent, plain, presenter, verbose);
    }

    /** A node bound to a free port on the given loopback address. */
    public static TestNode on(InetAddress loopback) {
        return on(loopback, FAST);
    }

    public static TestNode on(InetAddress loopback, AgentSettings timing) {
        return bound(timing.withBindAddress(loopback, 0).withCoapPort(0));
    }

    /** A node with exactly these settings, bind address included. */
    public static TestNode bound(AgentSettings settings) {
        return new TestNode(settings);
    }

    /**
     * Gives both nodes the PSK {@code secretPSK}/{@code Client_identity}, starts them, connects the client
     * to the server and waits until both print {@code coaps connected}.
     */
    public static void connectWithPsk(TestNode server, TestNode client) {
        for (TestNode node : List.of(server, client)) {
            node.expectRun("coaps psk secretPSK Client_identity", "Done");
            if (!node.agent.isStarted()) {
                node.expectRun("coaps start", "Done");
            }
        }
        client.expectRun("coaps connect " + server.agent.localAddress().getAddress().getHostAddress() + " "
                + server.port(), "Done");
        client.expectEvent("coaps connected");
        server.expectEvent("coaps connected");
    }

    /**
     * Gives this node the PSK {@code secretPSK}/{@code Client_identity}, starts it, connects it to
     * 127.0.0.1 at the port (a {@link RawDtlsPeer}, say) and waits for {@code coaps connected}.
     */
    public void connectWithPskTo(int ipv4Port) {
        expectRun("coaps psk secretPSK Client_identity", "Done");
        expectRun("coaps start", "Done");
        expectRun("coaps connect 127.0.0.1 " + ipv4Port, "Done");
        expectEvent("coaps connected");
    }

    /**
     * Whether nothing the user started is still open (no request waiting, no handshake, no liveness ping),
     * after waiting at most the timeout; {@link Duration#ZERO} asks about this moment.
     */
    public boolean settled(Duration timeout) {
        try {
            return agent.awaitSettled(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs one command line and returns the lines it printed, result line last. */
    public List<String> run(String line) {
        synchronized (out) {
            out.capture = new ArrayList<>();
            try {
                shell.execute(line);
                return out.capture;
            } finally {
                out.capture = null;
            }
        }
    }

    /** Runs a command and asserts its exact output. */
    public void expectRun(String line, String... expected) {
        assertEquals(List.of(expected), run(line), "output of `" + line + "`");
    }

    /** Waits for the next event line and asserts it. */
    public void expectEvent(String expected) {
        String next = nextEvent(EVENT_TIMEOUT);
        if (!expected.equals(next)) {
            fail("expected event line <" + expected + "> but got <" + next + ">; then " + drainEvents());
        }
    }

    /** Waits for the next event line, asserts it, and asserts the CoAP code of the response behind it. */
    public void expectResponse(String code, String expectedLine) {
        expectEvent(expectedLine);
        if (!(lastEvent instanceof AgentEvent.ResponseReceived response)) {
            throw new AssertionError("not a response: " + lastEvent);
        }
        assertEquals(code, response.code(), "CoAP code of <" + expectedLine + ">");
    }

    /** The event behind the line {@link #expectEvent} or {@link #nextEvent} took last. */
    public AgentEvent lastEvent() {
        return lastEvent;
    }

    /** Waits for the next events and asserts they are these, in any order (for causally unrelated events). */
    public void expectEventsInAnyOrder(String... expected) {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            String next = nextEvent(EVENT_TIMEOUT);
            if (next == null) {
                break;
            }
            got.add(next);
        }
        List<String> sortedGot = new ArrayList<>(got);
        List<String> sortedExpected = new ArrayList<>(List.of(expected));
        sortedGot.sort(null);
        sortedExpected.sort(null);
        assertEquals(sortedExpected, sortedGot, "events (any order); then " + drainEvents());
    }

    /**
     * Waits until every one of these lines has come, in any order and with any others between them
     * (for events of concurrent causes), and returns all lines read.
     */
    public List<String> eventsUntilAll(String... required) {
        List<String> got = new ArrayList<>();
        while (!got.containsAll(List.of(required))) {
            String next = nextEvent(EVENT_TIMEOUT);
            if (next == null) {
                fail("expected event lines " + List.of(required) + " but got " + got);
            }
            got.add(next);
        }
        return got;
    }

    /** The next event line, or null when none came in time. */
    public String nextEvent(Duration timeout) {
        try {
            String line = out.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line != null && !line.startsWith("  ") && !line.matches("[0-9a-f]{32}")) {
                // The event is queued before its line is printed; verbose detail lines and a block's rows of
                // hex have none of their own.
                lastEvent = agentEvents.poll();
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next lines, each a row of a block's bytes in hex (16 bytes), within the event timeout. */
    public List<String> rows(int count) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String row = nextEvent(EVENT_TIMEOUT);
            if (row == null || !row.matches("[0-9a-f]{32}")) {
                fail("a row of 16 bytes in hex, not <" + row + ">; then " + drainEvents());
            }
            rows.add(row);
        }
        return rows;
    }

    public List<String> drainEvents() {
        List<String> rest = new ArrayList<>();
        out.events.drainTo(rest);
        agentEvents.clear();
        return rest;
    }

    /** DTLS connections the node's endpoint holds. */
    public int connectionsHeld() {
        return agent.connectionsHeld();
    }

    public int port() {
        return agent.localAddress().getPort();
    }

    @Override
    public void close() {
        plain.close();
        agent.close();
    }

    /** The port the plain agent bound with {@code coap start}. */
    public int coapPort() {
        return plain.localAddress().getPort();
    }

    private static final class CapturingOutput implements Output {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        List<String> capture;

        @Override
        public synchronized void line(String text) {
            if (capture != null) {
                capture.add(text);
            } else {
                events.add(text);
            }
        }
    }
}
