package io.coapscli.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A NAT on loopback between one client and one server: the server sees the client at the NAT's outside
 * port, and {@link #rebind()} moves that to a new port, as a NAT does when its mapping expires. Datagrams
 * the server sends to the old port are lost. Point the client at {@link #port()}.
 */
public final class RebindingNat implements AutoCloseable {

    /** DTLS 1.2 record content type of a record carrying a Connection ID (RFC 9146). */
    private static final int TLS12_CID = 25;

    private final DatagramSocket inside;
    private final InetAddress loopback;
    private final InetSocketAddress server;
    private final AtomicLong cidRecordsFromClient = new AtomicLong();
    private volatile DatagramSocket outside;
    private volatile InetSocketAddress client;
    private final Thread fromClient;

    public RebindingNat(InetAddress loopback, InetSocketAddress server) throws SocketException {
        this.loopback = loopback;
        this.server = server;
        this.inside = new DatagramSocket(new InetSocketAddress(loopback, 0));
        this.outside = openOutside();
        this.fromClient = daemon(this::forwardFromClient, "nat-inside");
    }

    public int port() {
        return inside.getLocalPort();
    }

    /** The port the server sees the client at now. */
    public int outsidePort() {
        return outside.getLocalPort();
    }

    /** Datagrams from the client whose first record carries a Connection ID. */
    public long cidRecordsFromClient() {
        return cidRecordsFromClient.get();
    }

    /** The mapping expires: the client's next datagrams reach the server from a new port. */
    public synchronized void rebind() throws SocketException {
        DatagramSocket old = outside;
        outside = openOutside();
        old.close();
    }

    private DatagramSocket openOutside() throws SocketException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
        daemon(() -> forwardFromServer(socket), "nat-outside-" + socket.getLocalPort());
        return socket;
    }

    private void forwardFromClient() {
        byte[] buffer = new byte[65536];
        while (!inside.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                inside.receive(packet);
                client = (InetSocketAddress) packet.getSocketAddress();
                if (packet.getLength() > 0 && (buffer[0] & 0xff) == TLS12_CID) {
                    cidRecordsFromClient.incrementAndGet();
                }
                outside.send(new DatagramPacket(packet.getData(), packet.getLength(), server));
            } catch (IOException e) {
                if (inside.isClosed()) {
                    return;
                }
                // The outside socket was being replaced; this datagram is lost, as in a NAT.
            }
        }
    }

    private void forwardFromServer(DatagramSocket socket) {
        byte[] buffer = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                InetSocketAddress to = client;
                if (to != null && packet.getSocketAddress().equals(server)) {
                    inside.send(new DatagramPacket(packet.getData(), packet.getLength(), to));
                }
            } catch (IOException e) {
                return; // closed by rebind() or close()
            }
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws InterruptedException {
        inside.close();
        outside.close();
        fromClient.join(2000);
    }
}
