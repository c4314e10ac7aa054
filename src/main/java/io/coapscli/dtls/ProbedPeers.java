package io.coapscli.dtls;

import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DtlsDatagramFilter;

/**
 * Scandium's own record filter, which also notes the first datagram from each peer a {@link PortProbe}
 * waits on: a peer that answered is listening, and needs no probe. One look at an empty set per datagram
 * otherwise.
 */
final class ProbedPeers extends DtlsDatagramFilter {

    private final Set<InetSocketAddress> silent = ConcurrentHashMap.newKeySet();

    ProbedPeers(Configuration config) {
        super(config);
    }

    /** From now on, until something comes from the peer or {@link #forget}, the peer counts as silent. */
    void watch(InetSocketAddress peer) {
        silent.add(peer);
    }

    boolean isSilent(InetSocketAddress peer) {
        return silent.contains(peer);
    }

    void forget(InetSocketAddress peer) {
        silent.remove(peer);
    }

    @Override
    public boolean onReceiving(DatagramPacket packet) {
        if (!silent.isEmpty()) {
            silent.remove(packet.getSocketAddress());
        }
        return super.onReceiving(packet);
    }
}
