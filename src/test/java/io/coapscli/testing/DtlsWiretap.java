package io.coapscli.testing;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link UdpRelay} on loopback between one DTLS client and one server that reads the cipher suite out of
 * every plaintext ServerHello passing through: proof from the wire, independent of both peers, of what
 * they negotiated. Point the client at {@link #port()}; the relay forwards to the server and back.
 */
public final class DtlsWiretap implements AutoCloseable {

    private static final int CONTENT_HANDSHAKE = 22;
    private static final int SERVER_HELLO = 2;
    private static final int RECORD_HEADER = 13;
    private static final int HANDSHAKE_HEADER = 12;

    private final List<Integer> serverHelloSuites = new CopyOnWriteArrayList<>();
    private final UdpRelay relay;

    public DtlsWiretap(InetAddress loopback, InetSocketAddress server) throws SocketException {
        this.relay = new UdpRelay(loopback, server, 0, 0, this::readServerHellos);
    }

    public int port() {
        return relay.port();
    }

    /** Cipher suites of the ServerHellos seen so far, e.g. 0xC0A8 for TLS_PSK_WITH_AES_128_CCM_8. */
    public List<Integer> serverHelloSuites() {
        return List.copyOf(serverHelloSuites);
    }

    /** Walks the records of one datagram from the server; epoch-0 handshake records are plaintext. */
    private void readServerHellos(byte[] data) {
        int length = data.length;
        int offset = 0;
        while (offset + RECORD_HEADER <= length) {
            int type = data[offset] & 0xff;
            int epoch = u16(data, offset + 3);
            int recordLength = u16(data, offset + 11);
            int body = offset + RECORD_HEADER;
            if (type == CONTENT_HANDSHAKE && epoch == 0 && body + HANDSHAKE_HEADER + 35 <= length
                    && (data[body] & 0xff) == SERVER_HELLO) {
                int hello = body + HANDSHAKE_HEADER;
                int sessionIdLength = data[hello + 34] & 0xff;
                int suite = hello + 35 + sessionIdLength;
                if (suite + 2 <= length) {
                    serverHelloSuites.add(u16(data, suite));
                }
            }
            offset = body + recordLength;
        }
    }

    private static int u16(byte[] data, int offset) {
        return ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff);
    }

    @Override
    public void close() throws InterruptedException {
        relay.close();
    }
}
