package io.coapscli.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.coapscli.testing.CaliforniumPskServer;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/**
 * Observe (RFC 7641) between two agents, with OpenThread's lines: its expect test cli-coap-observe.exp,
 * {@code coap} becoming {@code coaps}, then what OpenThread's one-subscriber server does not do.
 */
class ObserveTest {

    private static final String SERVER = "127.0.0.1";

    @Test
    void observingMirrorsOpenThreadsObserveTranscript() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource test/resource", "Done");
            server.expectRun("coaps set Testing123", "Done");
            TestNode.connectWithPsk(server, client);

            client.expectRun("coaps observe test/resource", "Done");
            client.expectEvent("coaps response from " + SERVER + " OBS=0 with payload: " + hex("Testing123"));
            server.expectEvent("coaps request from " + SERVER + " GET OBS=0");
            server.expectEvent("Subscribing client");
            server.expectEvent("coaps response sent");

            for (int i = 1; i <= 9; i++) {
                server.expectRun("coaps set TestValue2_" + i, "sending coaps notification to " + SERVER, "Done");
                client.expectEvent("coaps response from " + SERVER + " OBS=" + i + " with payload: "
                        + hex("TestValue2_" + i));
                if (i == 6) {
                    // The 6th notification is confirmable, as OpenThread's: is the client still interested?
                    server.expectEvent("Received coaps notification ACK from " + SERVER);
                }
            }

            client.expectRun("coaps cancel", "Done");
            server.expectEvent("coaps request from " + SERVER + " GET OBS=1");
            server.expectEvent("Removed subscriber " + SERVER);
            server.expectEvent("coaps response sent");
            client.expectEvent("coaps response from " + SERVER + " with payload: " + hex("TestValue2_9"));
            server.expectRun("coaps set unobserved", "Done");

            // A confirmable registration gets confirmable notifications, and each ACK is reported. The
            // sequence number counts notified changes (OpenThread's counts messages and would say 10 here).
            client.expectRun("coaps observe test/resource con", "Done");
            client.expectEvent("coaps response from " + SERVER + " OBS=9 with payload: " + hex("unobserved"));
            server.expectEvent("coaps request from " + SERVER + " GET OBS=0");
            server.expectEvent("Subscribing client");
            server.expectEvent("coaps response sent");
            for (String value : new String[] {"TestValue3", "TestValue4"}) {
                server.expectRun("coaps set " + value, "sending coaps notification to " + SERVER, "Done");
                server.expectEvent("Received coaps notification ACK from " + SERVER);
                client.expectEvent("coaps response from " + SERVER + " OBS=" + (value.endsWith("3") ? 10 : 11)
                        + " with payload: " + hex(value));
            }
        }
    }

    @Test
    void aPeersPutNotifiesTheObserversAndAnEndedSessionRemovesItsObserver() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode observer = TestNode.on(Loopback.IPV4);
                TestNode writer = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource r", "Done");
            TestNode.connectWithPsk(server, observer);
            TestNode.connectWithPsk(server, writer);
            observer.expectRun("coaps observe r", "Done");
            observer.expectEvent("coaps response from " + SERVER + " OBS=0 with payload: 68656c6c6f576f726c6400");
            server.expectEvent("coaps request from " + SERVER + " GET OBS=0");
            server.expectEvent("Subscribing client");
            server.expectEvent("coaps response sent");

            writer.expectRun("coaps put r con changed", "Done");
            writer.expectEvent("coaps response from " + SERVER);
            observer.expectEvent("coaps response from " + SERVER + " OBS=1 with payload: " + hex("changed"));
            List<String> put = server.eventsUntilAll("coaps request from " + SERVER + " PUT with payload: "
                    + hex("changed"), "coaps response sent", "sending coaps notification to " + SERVER);
            assertEquals(3, put.size(), put.toString());

            writer.expectRun("coaps delete r con", "Done");
            writer.expectEvent("coaps response from " + SERVER);
            observer.expectEvent("coaps response from " + SERVER + " OBS=2");

            observer.expectRun("coaps disconnect", "Done");
            observer.expectEvent("coaps disconnected");
            // The response's line follows its sending, which may come after the peers saw it and moved on.
            List<String> lines = server.eventsUntilAll("coaps request from " + SERVER + " DELETE",
                    "coaps response sent", "sending coaps notification to " + SERVER, "coaps disconnected",
                    "Removed subscriber " + SERVER);
            assertEquals(5, lines.size(), lines.toString());
            assertTrue(lines.indexOf("coaps disconnected") < lines.indexOf("Removed subscriber " + SERVER), lines.toString());
            server.expectRun("coaps set nobody", "Done");
        }
    }

    @Test
    void aNotificationAnsweredWithAResetRemovesThatObserverOnly() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource r", "Done");
            TestNode.connectWithPsk(server, client);
            client.expectRun("coaps observe r", "Done");
            client.expectEvent("coaps response from " + SERVER + " OBS=0 with payload: 68656c6c6f576f726c6400");
            // A second observe replaces the first without telling the server, as OpenThread's does.
            client.expectRun("coaps observe r", "Done");
            client.expectEvent("coaps response from " + SERVER + " OBS=0 with payload: 68656c6c6f576f726c6400");
            server.expectEventsInAnyOrder("coaps request from " + SERVER + " GET OBS=0", "Subscribing client",
                    "coaps response sent", "coaps request from " + SERVER + " GET OBS=0", "Subscribing client",
                    "coaps response sent");

            server.expectRun("coaps set v1", "sending coaps notification to " + SERVER,
                    "sending coaps notification to " + SERVER, "Done");
            client.expectEvent("coaps response from " + SERVER + " OBS=1 with payload: " + hex("v1"));
            server.expectEvent("Removed subscriber " + SERVER); // the forgotten token's notification got a Reset
            server.expectRun("coaps set v2", "sending coaps notification to " + SERVER, "Done");
            client.expectEvent("coaps response from " + SERVER + " OBS=2 with payload: " + hex("v2"));
            assertNull(client.nextEvent(Duration.ofMillis(300)), "one notification per change");
        }
    }

    @Test
    void ourClientObservesAPlainCaliforniumResourceAndCancels() throws Exception {
        try (CaliforniumPskServer californium = new CaliforniumPskServer(Loopback.IPV4, "unused", new byte[0], 1024);
                TestNode client = TestNode.on(Loopback.IPV4)) {
            CaliforniumPskServer.ObservableValue value = californium.observable("obs", "v0", true);
            client.connectWithPskTo(californium.port());
            client.expectRun("coaps observe obs", "Done");
            client.expectEvent("coaps response from " + SERVER + " OBS=0 with payload: " + hex("v0"));
            for (int i = 1; i <= 3; i++) {
                value.set("v" + i);
                client.expectEvent("coaps response from " + SERVER + " OBS=" + i + " with payload: " + hex("v" + i));
            }
            client.expectRun("coaps cancel", "Done");
            client.expectEvent("coaps response from " + SERVER + " with payload: " + hex("v3"));
            waitUntil(() -> value.getObserverCount() == 0);
            value.set("unseen");
            assertNull(client.nextEvent(Duration.ofMillis(300)), "no notification after cancel");
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TestNode.EVENT_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + TestNode.EVENT_TIMEOUT);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void movingTheResourceEndsItsObservationsWithALastNotFound() {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps resource r", "Done");
            TestNode.connectWithPsk(server, client);
            client.expectRun("coaps observe r con", "Done");
            client.expectEvent("coaps response from " + SERVER + " OBS=0 with payload: 68656c6c6f576f726c6400");
            server.eventsUntilAll("coaps request from " + SERVER + " GET OBS=0", "Subscribing client", "coaps response sent");

            server.expectRun("coaps resource elsewhere", "Done");
            client.expectEvent("coaps response from " + SERVER); // 4.04, without Observe: the observation ends
            assertEquals("4.04", ((io.coapscli.agent.AgentEvent.NotificationReceived) client.lastEvent()).message().code());
            server.expectEvent("Removed subscriber " + SERVER);
            server.expectRun("coaps set unobserved", "Done");
            assertNull(client.nextEvent(Duration.ofMillis(300)), "nothing after the observation ended");
        }
    }

    @Test
    void cancelWithoutAnObservationAndObserveWithoutASessionAreRefused() {
        try (TestNode node = TestNode.on(Loopback.IPV4)) {
            node.expectRun("coaps start", "Done");
            node.expectRun("coaps cancel", "Error 13: InvalidState");
            node.expectRun("coaps observe r", "Error 13: InvalidState");
            node.expectRun("coaps observe", "Error 7: InvalidArgs");
            node.expectRun("coaps cancel now", "Error 7: InvalidArgs");
        }
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }
}
