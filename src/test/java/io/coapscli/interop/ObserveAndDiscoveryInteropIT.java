package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/**
 * Observe (RFC 7641) and discovery (RFC 6690) against libcoap, both ways: libcoap's clients observe and
 * discover the coaps-cli server; the coaps-cli client observes libcoap's {@code /time} and reads its
 * {@code /.well-known/core}.
 */
class ObserveAndDiscoveryInteropIT {

    private static final String LOCAL = "127.0.0.1";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"coap-client-openssl", "coap-client-gnutls"})
    void libcoapClientsObserveOurResourceAndSeeEveryChange(String program) throws Exception {
        Libcoap.require(program);
        try (TestNode server = TestNode.on(Loopback.IPV4)) {
            startServer(server);
            // libcoap observes for 4 s, then deregisters and closes the session.
            CompletableFuture<Libcoap.ClientRun> observing = CompletableFuture.supplyAsync(() -> Libcoap.pskClient(program,
                    "-s", "4", "-m", "get", "coaps://127.0.0.1:" + server.port() + "/test-resource"));
            server.expectEvent("coaps connected");
            server.expectEvent("coaps request from " + LOCAL + " GET OBS=0");
            server.expectEvent("Subscribing client");
            server.expectEvent("coaps response sent");
            for (String value : List.of("change1", "change2")) {
                server.expectRun("coaps set " + value, "sending coaps notification to " + LOCAL, "Done");
                // libcoap registers with a confirmable GET, so the notifications are confirmable too.
                server.expectEvent("Received coaps notification ACK from " + LOCAL);
            }
            Libcoap.ClientRun run = observing.get(Libcoap.CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(run.received("t:ACK c:2.05 i:"), run.output());
            assertTrue(run.output().contains("[ Observe:1 ] :: 'change1'"), run.output());
            assertTrue(run.output().contains("[ Observe:2 ] :: 'change2'"), run.output());
            // libcoap deregisters (a GET with Observe=1) as it leaves, and closes the session at once; the
            // close_notify may overtake the deregistration. Either removes it as an observer, once.
            List<String> ending = server.eventsUntilAll("Removed subscriber " + LOCAL, "coaps disconnected");
            assertTrue(List.of("coaps request from " + LOCAL + " GET OBS=1", "coaps response sent",
                    "Removed subscriber " + LOCAL, "coaps disconnected").containsAll(ending), ending.toString());
            assertEquals(1, ending.stream().filter(line -> line.startsWith("Removed subscriber")).count(),
                    ending.toString());
            server.expectRun("coaps set unobserved", "Done");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"coap-client-openssl", "coap-client-gnutls"})
    void libcoapClientsDiscoverOurObservableResource(String program) throws Exception {
        Libcoap.require(program);
        try (TestNode server = TestNode.on(Loopback.IPV4)) {
            startServer(server);
            Libcoap.ClientRun run = Libcoap.pskClient(program, "-m", "get", "coaps://127.0.0.1:" + server.port() + "/.well-known/core");
            assertTrue(run.received("t:ACK c:2.05"), run.output());
            assertTrue(run.output().contains("Content-Format:application/link-format"), run.output());
            assertEquals("</test-resource>;obs", new String(run.payload(), StandardCharsets.UTF_8), run.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"coap-server-openssl", "coap-server-gnutls"})
    void ourClientObservesLibcoapsClockAndReadsItsResourceList(String program) throws Exception {
        try (LibcoapServer server = LibcoapServer.start(program, Loopback.IPV4, "-k", "secretPSK");
                TestNode client = TestNode.on(Loopback.IPV4)) {
            client.connectWithPskTo(server.secureAddress().getPort());

            client.expectRun("coaps get .well-known/core con", "Done");
            String listing = nextLine(client);
            assertTrue(listing.startsWith("coaps response from " + LOCAL + " with payload: 3c2f"), listing);
            List<String> links = eventsWhile(client, line -> line.startsWith("  <"));
            assertTrue(links.contains("  </time>;ct=0;if=\"clock\";obs;rt=\"ticks\";title=\"Internal Clock\""),
                    links.toString());

            // libcoap's /time notifies once a second.
            client.expectRun("coaps observe time con", "Done");
            int first = observeNumber(nextLine(client));
            int second = observeNumber(nextLine(client));
            int third = observeNumber(nextLine(client));
            assertTrue(first < second && second < third, first + " " + second + " " + third);
            client.expectRun("coaps cancel", "Done");
            String cancelled = nextLine(client);
            assertTrue(cancelled.startsWith("coaps response from " + LOCAL + " with payload: "), cancelled);
            assertTrue(server.logged("c:GET", "Observe:1", "Uri-Path:time"), server.logText());
            // After the cancel's response, libcoap sends no more ticks (it removed the observer before answering),
            // so nothing follows over three of its one-second ticks.
            assertEquals(null, client.nextEvent(Duration.ofMillis(3000)), "a line after the cancel's response");
        }
    }

    private static void startServer(TestNode server) {
        server.expectRun("coaps psk secretPSK Client_identity", "Done");
        server.expectRun("coaps start", "Done");
        server.expectRun("coaps resource test-resource", "Done");
    }

    private static String nextLine(TestNode node) {
        String line = node.nextEvent(TestNode.EVENT_TIMEOUT);
        if (line == null) {
            throw new AssertionError("no event within " + TestNode.EVENT_TIMEOUT);
        }
        return line;
    }

    private static int observeNumber(String line) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("^coaps response from " + LOCAL + " OBS=(\\d+) with payload: [0-9a-f]+$").matcher(line);
        assertTrue(matcher.matches(), line);
        return Integer.parseInt(matcher.group(1));
    }

    private static List<String> eventsWhile(TestNode node, java.util.function.Predicate<String> condition) {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = node.nextEvent(Duration.ofMillis(500))) != null && condition.test(line)) {
            lines.add(line);
        }
        return lines;
    }
}
