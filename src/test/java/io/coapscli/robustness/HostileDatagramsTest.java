package io.coapscli.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.coapscli.testing.ClientHellos;
import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;
import io.coapscli.testing.UdpRelay;

/**
 * Datagrams an attacker can send at the port: junk, mutated copies of a real session's records (also
 * from the session's own address), and a ClientHello flood from many sources. A real session keeps
 * working through all of it, and a real connect succeeds during the flood.
 */
class HostileDatagramsTest {

    private static final String GET_ANSWER = "coaps response from 127.0.0.1 with payload: 68656c6c6f576f726c6400";
    private static final int JUNK = 20_000;
    private static final int MUTATIONS = 20_000;
    /**
     * ClientHellos a second, paced. The server answers about 40,000 a second statelessly on a 2-core
     * machine that also runs the flood; beyond that datagrams drop at its socket, real ones too.
     */
    private static final int FLOOD_RATE = 20_000;
    private static final int FLOOD_MAX = 200_000;

    @Test
    void junkAndMutatedRecordsAtThePortLeaveARealSessionWorking() throws Exception {
        Random random = new Random(6347);
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps psk secretPSK Client_identity", "Done");
            server.expectRun("coaps start", "Done");
            server.expectRun("coaps resource r", "Done");
            client.expectRun("coaps psk secretPSK Client_identity", "Done");
            client.expectRun("coaps start", "Done");
            InetSocketAddress serverAddress = new InetSocketAddress(Loopback.IPV4, server.port());
            try (UdpRelay path = new UdpRelay(Loopback.IPV4, serverAddress, 0, 0);
                    DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(Loopback.IPV4, 0))) {
                client.expectRun("coaps connect 127.0.0.1 " + path.port(), "Done");
                client.expectEvent("coaps connected");
                server.expectEvent("coaps connected");
                getAnswered(client, server);
                List<byte[]> records = path.fromClient();
                // From the session's own address, a replayed ClientHello with a still valid cookie would start
                // a new handshake that replaces the session: RFC 6347 section 4.2.8 as Scandium implements it,
                // documented in docs/RELIABILITY.md. Only what follows the ClientHellos is mutated from there.
                List<byte[]> afterHellos = records.stream().filter(record -> !(record[0] == 22 && record[3] == 0
                        && record[4] == 0)).toList();

                int requests = 1;
                for (int i = 1; i <= JUNK; i++) {
                    byte[] junk = new byte[random.nextInt(1500)];
                    random.nextBytes(junk);
                    if (junk.length > 3 && random.nextBoolean()) {
                        junk[0] = (byte) (20 + random.nextInt(6)); // a DTLS content type...
                        junk[1] = (byte) 0xfe;                   // ...and DTLS 1.2's version
                        junk[2] = (byte) 0xfd;
                    }
                    attacker.send(new DatagramPacket(junk, junk.length, serverAddress));
                    if (i % 5000 == 0) {
                        getAnswered(client, server);
                        requests++;
                    }
                }
                for (int i = 1; i <= MUTATIONS; i++) {
                    boolean fromSession = i % 2 == 0;
                    List<byte[]> pool = fromSession ? afterHellos : records;
                    byte[] mutated = pool.get(random.nextInt(pool.size())).clone();
                    for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                        mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    if (fromSession) {
                        path.injectToServer(mutated);
                    } else {
                        attacker.send(new DatagramPacket(mutated, mutated.length, serverAddress));
                    }
                    if (i % 5000 == 0) {
                        getAnswered(client, server);
                        requests++;
                    }
                }
                server.expectRun("coaps isconnactive", "yes", "Done");
                System.out.printf("hostile datagrams: %d junk, %d mutated records (half from the session's address), "
                        + "%d requests on the session in between, all answered%n", JUNK, MUTATIONS, requests);
            }
        }
    }

    @Test
    void aRealConnectSucceedsWithinASecondDuringAClientHelloFloodFromManySources() throws Exception {
        try (TestNode server = TestNode.on(Loopback.IPV4); TestNode client = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps psk secretPSK Client_identity", "Done");
            server.expectRun("coaps start", "Done");
            client.expectRun("coaps psk secretPSK Client_identity", "Done");
            client.expectRun("coaps start", "Done");
            byte[] clientHello = ClientHellos.captured();
            InetSocketAddress serverAddress = new InetSocketAddress(Loopback.IPV4, server.port());

            List<DatagramSocket> sources = new ArrayList<>();
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong sent = new AtomicLong();
            try {
                for (int i = 0; i < 1000; i++) {
                    // 127.1.x.y: every one a different source address on the loopback network.
                    sources.add(new DatagramSocket(new InetSocketAddress(
                            InetAddress.getByAddress(new byte[] {127, 1, (byte) (i / 250), (byte) (1 + i % 250)}), 0)));
                }
                Thread flood = new Thread(() -> {
                    DatagramPacket hello = new DatagramPacket(clientHello, clientHello.length, serverAddress);
                    long start = System.nanoTime();
                    for (int i = 0; flooding.get() && i < FLOOD_MAX; i++) {
                        try {
                            sources.get(i % sources.size()).send(hello);
                            sent.incrementAndGet();
                            // Paced: the i-th ClientHello leaves no earlier than i / rate seconds in.
                            while (System.nanoTime() - start < i * 1_000_000_000L / FLOOD_RATE) {
                                Thread.onSpinWait();
                            }
                        } catch (IOException e) {
                            return;
                        }
                    }
                }, "client-hello-flood");
                flood.start();
                while (sent.get() < 10_000) {
                    Thread.onSpinWait();
                }
                long started = System.nanoTime();
                client.expectRun("coaps connect 127.0.0.1 " + server.port(), "Done");
                client.expectEvent("coaps connected");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                long duringConnect = sent.get();
                flooding.set(false);
                flood.join();
                server.expectEvent("coaps connected");
                // The flood's ClientHellos were answered statelessly (HelloVerifyRequest): no session for any.
                server.expectRun("coaps isconnactive", "yes", "Done");
                assertEquals(List.of(), server.drainEvents());
                assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "connect took " + took);
                System.out.printf("ClientHello flood: %d ClientHellos from %d sources at %d/s, %d of them before the "
                        + "connect completed; connect took %d ms%n", sent.get(), sources.size(), FLOOD_RATE, duringConnect,
                        took.toMillis());
            } finally {
                flooding.set(false);
                sources.forEach(DatagramSocket::close);
            }
        }
    }

    private static void getAnswered(TestNode client, TestNode server) {
        client.expectRun("coaps get r con", "Done");
        client.expectEvent(GET_ANSWER);
        server.expectEvent("coaps request from 127.0.0.1 GET");
        server.expectEvent("coaps response sent");
    }
}
