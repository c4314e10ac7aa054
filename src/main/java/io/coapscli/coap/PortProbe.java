package io.coapscli.coap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns within a second that nobody listens at a peer's port, as libcoap does. Californium's and
 * Scandium's sockets are not connected, and the kernel gives an unconnected UDP socket no ICMP errors; a
 * socket connected to the peer gets "port unreachable" as an exception. So while a handshake or a request
 * waits for its first answer, a probe sends a datagram of one zero byte from such a socket (no DTLS record
 * and no CoAP message is that short, a CoAP header alone being 4 bytes: a listening stack drops it before
 * any state; Java sends no empty datagram) and reports when the kernel says the port is closed. A host
 * that says nothing leaves the handshake's or the request's own timeout in charge.
 */
public final class PortProbe {

    private static final Logger LOGGER = LoggerFactory.getLogger(PortProbe.class);

    /**
     * The first probe waits this long, so that the handshake's ClientHello or the request is surely out
     * first (a DTLS server that serves one peer at a time takes the first datagram's sender as its peer),
     * and a listening peer nearby has answered it, which makes the probe unneeded.
     */
    public static final Duration FIRST_PROBE_AFTER = Duration.ofMillis(100);
    /** Probes sent, this far apart: a second one in case the first or its ICMP answer was lost. */
    private static final int PROBES = 2;
    private static final int WAIT_MS = 400;

    private PortProbe() {
    }

    /**
     * @param after how long the probe waits before its first datagram ({@link #FIRST_PROBE_AFTER}, or zero when
     *            the caller waited)
     * @param stillWaiting whether nothing came from the peer yet; once something has, no probe is sent
     * @param unreachable run, once, on a thread of the probe's, when the port is found closed
     * @param done run when the probe is over, either way
     */
    public static void start(InetSocketAddress peer, Duration after, BooleanSupplier stillWaiting, Runnable unreachable,
            Runnable done) {
        Thread probe = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
                if (isClosed(peer, stillWaiting)) {
                    unreachable.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.run();
            }
        }, "port-probe");
        probe.setDaemon(true);
        probe.start();
    }

    /** What a closed port is reported as, the same words for a handshake and a request. */
    public static String nobodyListening(InetSocketAddress peer) {
        String host = peer.getAddress().getHostAddress().replaceFirst("%.*$", "");
        return "nobody is listening at " + (host.contains(":") ? "[" + host + "]" : host) + ":" + peer.getPort()
                + " (ICMP port unreachable)";
    }

    private static boolean isClosed(InetSocketAddress peer, BooleanSupplier stillWaiting) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(peer);
            socket.setSoTimeout(WAIT_MS);
            for (int probe = 0; probe < PROBES && stillWaiting.getAsBoolean(); probe++) {
                socket.send(new DatagramPacket(new byte[1], 1));
                try {
                    socket.receive(new DatagramPacket(new byte[1], 1));
                    return false; // something answers from there
                } catch (SocketTimeoutException e) {
                    // no word either way: probe again, or leave it to the timeouts
                }
            }
            return false;
        } catch (PortUnreachableException e) {
            LOGGER.debug("port probe: nobody listens at {}", peer);
            return true;
        } catch (IOException | RuntimeException e) {
            LOGGER.debug("port probe to {} not possible: {}", peer, e.toString());
            return false; // no probe possible (no route, say): the timeouts find out on their own
        }
    }
}
