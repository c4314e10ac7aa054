package io.coapscli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * ClientHellos as a coaps-cli client sends them, for tests that play a client by hand: the first one,
 * captured off the wire, and the second one of RFC 6347's cookie exchange, built from it and a
 * HelloVerifyRequest.
 */
public final class ClientHellos {

    private static final int RECORD_HEADER = 13;
    private static final int HANDSHAKE_HEADER = 12;
    private static final int RANDOM = 32;

    private ClientHellos() {
    }

    /** The first datagram a coaps-cli client sends to connect: its ClientHello, without a cookie. */
    public static byte[] captured() throws Exception {
        try (DatagramSocket listener = new DatagramSocket(new InetSocketAddress(Loopback.IPV4, 0));
                TestNode probe = TestNode.on(Loopback.IPV4)) {
            listener.setSoTimeout(10_000);
            probe.expectRun("coaps psk secretPSK Client_identity", "Done");
            probe.expectRun("coaps start", "Done");
            probe.expectRun("coaps connect 127.0.0.1 " + listener.getLocalPort(), "Done");
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            listener.receive(packet);
            assertEquals(22, packet.getData()[0], "a handshake record");
            return Arrays.copyOf(packet.getData(), packet.getLength());
        }
    }

    /** The same ClientHello with another client random, as from another client. */
    public static byte[] withRandom(byte[] hello, java.util.Random random) {
        byte[] copy = hello.clone();
        byte[] bytes = new byte[RANDOM];
        random.nextBytes(bytes);
        System.arraycopy(bytes, 0, copy, RECORD_HEADER + HANDSHAKE_HEADER + 2, RANDOM);
        return copy;
    }

    /** The cookie of a HelloVerifyRequest datagram. */
    public static byte[] cookieOf(byte[] helloVerifyRequest) {
        int at = RECORD_HEADER + HANDSHAKE_HEADER + 2; // server_version
        int length = helloVerifyRequest[at] & 0xff;
        return Arrays.copyOfRange(helloVerifyRequest, at + 1, at + 1 + length);
    }

    /**
     * The ClientHello again, with the server's cookie, message sequence 1 and record sequence 1, as a client
     * answers a HelloVerifyRequest.
     */
    public static byte[] withCookie(byte[] hello, byte[] cookie) {
        int sessionIdAt = RECORD_HEADER + HANDSHAKE_HEADER + 2 + RANDOM;
        int cookieAt = sessionIdAt + 1 + (hello[sessionIdAt] & 0xff);
        int oldCookie = hello[cookieAt] & 0xff;
        ByteBuffer out = ByteBuffer.allocate(hello.length - oldCookie + cookie.length);
        out.put(hello, 0, cookieAt).put((byte) cookie.length).put(cookie);
        out.put(hello, cookieAt + 1 + oldCookie, hello.length - cookieAt - 1 - oldCookie);
        byte[] result = out.array();
        int grown = cookie.length - oldCookie;
        result[10] = 1; // record sequence number 1 (the last of bytes 5-10)
        putShort(result, 11, getShort(result, 11) + grown); // record length
        put24(result, RECORD_HEADER + 1, get24(result, RECORD_HEADER + 1) + grown); // handshake length
        putShort(result, RECORD_HEADER + 4, 1); // message_seq
        put24(result, RECORD_HEADER + 9, get24(result, RECORD_HEADER + 9) + grown); // fragment length
        return result;
    }

    private static int getShort(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static void putShort(byte[] b, int at, int value) {
        b[at] = (byte) (value >> 8);
        b[at + 1] = (byte) value;
    }

    private static int get24(byte[] b, int at) {
        return (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff);
    }

    private static void put24(byte[] b, int at, int value) {
        b[at] = (byte) (value >> 16);
        b[at + 1] = (byte) (value >> 8);
        b[at + 2] = (byte) value;
    }
}
