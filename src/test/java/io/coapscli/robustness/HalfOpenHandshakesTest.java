package io.coapscli.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.coapscli.testing.ClientHellos;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/**
 * Clients that start a handshake and go silent after the cookie exchange, so that the server holds a
 * handshake for each: it prints no `coaps disconnected` for any (none printed `coaps connected`), says
 * why under verbose, and keeps nothing of them once they timed out.
 */
class HalfOpenHandshakesTest {

    private static final int CLIENTS = 2000;
    private static final int AT_ONCE = 100;

    @Test
    void twoThousandHalfOpenHandshakesEndSilentlyAndLeaveNothingBehind() throws Exception {
        byte[] hello = ClientHellos.captured();
        // Every client keeps its port until the end, so that no new one takes the place of an older one.
        List<DatagramSocket> clients = new ArrayList<>();
        try (TestNode server = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps psk secretPSK Client_identity", "Done");
            server.expectRun("coaps start", "Done");
            server.expectRun("verbose on", "Done");
            InetSocketAddress address = new InetSocketAddress(Loopback.IPV4, server.port());
            Random random = new Random(6347);
            for (int wave = 0; wave < CLIENTS / AT_ONCE; wave++) {
                clients.addAll(halfOpen(address, hello, random));
            }

            // Each held handshake times out (0.2 + 0.4 + 0.8 s); verbose mode shows one detail line each.
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String line = server.nextEvent(TestNode.EVENT_TIMEOUT);
                assertTrue(line != null, "only " + i + " handshakes ended");
                lines.add(line);
            }
            for (String line : lines) {
                assertTrue(line.matches("  server session with 127\\.0\\.0\\.1:\\d+: handshake failed: timed out: .*"),
                        "only detail lines, no coaps disconnected: " + line);
            }
            server.expectRun("coaps isconnactive", "no", "Done");
            assertEquals(0, server.connectionsHeld(), "nothing kept of them");
        } finally {
            clients.forEach(DatagramSocket::close);
        }
    }

    /**
     * Clients that each send a ClientHello (their own random: Scandium tells handshakes apart by it too),
     * answer the HelloVerifyRequest with its cookie, receive the server's first flight, and say no more.
     */
    private static List<DatagramSocket> halfOpen(InetSocketAddress server, byte[] hello, Random random)
            throws IOException {
        List<DatagramSocket> clients = new ArrayList<>();
        List<byte[]> hellos = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            DatagramSocket client = new DatagramSocket(new InetSocketAddress(Loopback.IPV4, 0));
            client.setSoTimeout(5000);
            clients.add(client);
            hellos.add(ClientHellos.withRandom(hello, random));
            client.send(new DatagramPacket(hellos.get(i), hellos.get(i).length, server));
        }
        for (int i = 0; i < AT_ONCE; i++) {
            byte[] second = ClientHellos.withCookie(hellos.get(i), ClientHellos.cookieOf(receive(clients.get(i))));
            clients.get(i).send(new DatagramPacket(second, second.length, server));
        }
        for (DatagramSocket client : clients) {
            receive(client); // ServerHello ... ServerHelloDone: the server holds a handshake for this client now
        }
        return clients;
    }

    private static byte[] receive(DatagramSocket client) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        client.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }
}
