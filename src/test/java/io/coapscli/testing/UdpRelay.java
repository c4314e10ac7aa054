package io.coapscli.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A UDP relay on loopback between one client and one server, for hostile links: it drops a seeded share
 * of the datagrams in each direction, can delay each by a base plus a random jitter (so that datagrams
 * overtake each other, as netem's delay with jitter does) and send a share twice, keeps what the client sent for replay, and can inject datagrams
 * towards the server from the client's side, as an attacker on the path could. Point the client at
 * {@link #port()}.
 */
public final class UdpRelay implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final double lossEachWay;
    private final Random random;
    private final Consumer<byte[]> serverWatcher;
    private final List<byte[]> fromClient = new CopyOnWriteArrayList<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Faults faults;
    private final ScheduledExecutorService delayed;
    private volatile InetSocketAddress client;
    private volatile boolean cut;
    private final Thread relay;

    /**
     * @param lossEachWay share of datagrams dropped in each direction, 0 to 1
     * @param seed makes the drops repeatable for a given order of datagrams
     */
    public UdpRelay(InetAddress loopback, InetSocketAddress server, double lossEachWay, long seed)
            throws SocketException {
        this(loopback, server, lossEachWay, seed, datagram -> { });
    }

    /** A relay that also shows every datagram from the server, before any is dropped, to the watcher. */
    public UdpRelay(InetAddress loopback, InetSocketAddress server, double lossEachWay, long seed,
            Consumer<byte[]> serverWatcher) throws SocketException {
        this(loopback, server, new Faults(lossEachWay, Duration.ZERO, Duration.ZERO, 0), seed, serverWatcher);
    }

    /** What the link does to each datagram, each way, besides carrying it. */
    public record Faults(double loss, Duration delay, Duration jitter, double duplicate) {
    }

    public UdpRelay(InetAddress loopback, InetSocketAddress server, Faults faults, long seed) throws SocketException {
        this(loopback, server, faults, seed, datagram -> { });
    }

    private UdpRelay(InetAddress loopback, InetSocketAddress server, Faults faults, long seed,
            Consumer<byte[]> serverWatcher) throws SocketException {
        this.faults = faults;
        this.lossEachWay = faults.loss();
        this.delayed = faults.delay().isZero() && faults.jitter().isZero() ? null
                : Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "udp-relay-delay");
                    thread.setDaemon(true);
                    return thread;
                });
        this.serverWatcher = serverWatcher;
        this.socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
        this.server = server;
        this.random = new Random(seed);
        this.relay = new Thread(this::relay, "udp-relay");
        relay.setDaemon(true);
        relay.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Every datagram the client sent so far, dropped or not, in order. */
    public List<byte[]> fromClient() {
        return List.copyOf(fromClient);
    }

    /** Sends a datagram to the server from the relay's address: the server takes it for the client's. */
    public void injectToServer(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    /** While cut, every datagram is dropped both ways, as on a link that is down for a while. */
    public void cut(boolean down) {
        cut = down;
    }

    public long forwarded() {
        return forwarded.get();
    }

    public long dropped() {
        return dropped.get();
    }

    private void relay() {
        byte[] buffer = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
                InetSocketAddress to;
                if (from.equals(server)) {
                    serverWatcher.accept(Arrays.copyOf(packet.getData(), packet.getLength()));
                    to = client;
                } else {
                    client = from;
                    to = server;
                    fromClient.add(Arrays.copyOf(packet.getData(), packet.getLength()));
                }
                if (to == null) {
                    continue;
                }
                if (cut || random.nextDouble() < lossEachWay) {
                    dropped.incrementAndGet();
                    continue;
                }
                byte[] datagram = Arrays.copyOf(packet.getData(), packet.getLength());
                int copies = random.nextDouble() < faults.duplicate() ? 2 : 1;
                for (int copy = 0; copy < copies; copy++) {
                    forwarded.incrementAndGet();
                    if (delayed == null) {
                        send(datagram, to);
                    } else {
                        long micros = faults.delay().toNanos() / 1000
                                + (long) ((random.nextDouble() * 2 - 1) * faults.jitter().toNanos() / 1000);
                        delayed.schedule(() -> send(datagram, to), Math.max(0, micros), TimeUnit.MICROSECONDS);
                    }
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void send(byte[] datagram, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            // closed meanwhile
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (delayed != null) {
            delayed.shutdownNow();
        }
        socket.close();
        relay.join(2000);
    }
}
