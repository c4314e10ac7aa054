package io.coapscli.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A test-only DTLS endpoint on Scandium, server and client at once, that completes PSK handshakes and
 * then only records the datagrams it receives: it answers nothing unless the test sends something itself.
 */
public final class RawDtlsPeer implements AutoCloseable {

    static {
        DtlsConfig.register();
        UdpConfig.register();
    }

    private final DTLSConnector connector;
    private final BlockingQueue<RawData> received = new LinkedBlockingQueue<>();

    private RawDtlsPeer(DTLSConnector connector) {
        this.connector = connector;
    }

    public static RawDtlsPeer psk(InetAddress loopback, String key, String identity) throws IOException {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        config.set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8));
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(loopback, 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key.getBytes(StandardCharsets.UTF_8)))
                .build();
        RawDtlsPeer peer = new RawDtlsPeer(new DTLSConnector(dtls));
        peer.connector.setRawDataReceiver(peer.received::add);
        peer.connector.start();
        return peer;
    }

    public int port() {
        return connector.getAddress().getPort();
    }

    /** Sends one datagram's worth of application data to the peer, handshaking first if needed. */
    public void send(InetSocketAddress peer, byte[] data) {
        connector.send(RawData.outbound(data, new AddressEndpointContext(peer), null, false));
    }

    /** The next datagram received, within the timeout; fails otherwise. */
    public RawData awaitDatagram(Duration timeout) throws InterruptedException {
        RawData next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no datagram within " + timeout);
        }
        return next;
    }

    /** Datagrams received so far, oldest first. */
    public BlockingQueue<RawData> received() {
        return received;
    }

    @Override
    public void close() {
        connector.destroy();
    }
}
