package io.coapscli.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A plain Californium CoAPS server (PSK, CCM_8) with no coaps-cli code in it: a third-party peer whose
 * limits the test chooses, e.g. a body larger than coaps-cli takes.
 */
public final class CaliforniumPskServer implements AutoCloseable {

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapServer server;
    private final CoapEndpoint endpoint;

    /** Serves GET {@code /<path>} with {@code body}, taking bodies up to {@code maxBodyBytes}. */
    public CaliforniumPskServer(InetAddress loopback, String path, byte[] body, int maxBodyBytes) throws IOException {
        this(loopback, path, body, maxBodyBytes, null);
    }

    /** The same, asking clients for DTLS Connection IDs of this length (RFC 9146); null for none. */
    public CaliforniumPskServer(InetAddress loopback, String path, byte[] body, int maxBodyBytes,
            Integer connectionIdLength) throws IOException {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, connectionIdLength);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, maxBodyBytes);
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        config.set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8));
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(loopback, 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore("Client_identity",
                        "secretPSK".getBytes(StandardCharsets.UTF_8)))
                .build();
        endpoint = new CoapEndpoint.Builder().setConnector(new DTLSConnector(dtls)).setConfiguration(config).build();
        server = new CoapServer(config);
        server.addEndpoint(endpoint);
        server.add(new CoapResource(path) {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(org.eclipse.californium.core.coap.CoAP.ResponseCode.CONTENT, body);
            }
        });
        server.start();
    }

    /** Adds an observable resource at {@code /<name>} (Californium's observe, confirmable notifications if asked). */
    public ObservableValue observable(String name, String initial, boolean confirmable) {
        ObservableValue resource = new ObservableValue(name, initial);
        resource.setObservable(true);
        if (confirmable) {
            resource.setObserveType(org.eclipse.californium.core.coap.CoAP.Type.CON);
        }
        server.add(resource);
        return resource;
    }

    /** A text value whose changes are notified to its observers. */
    public static final class ObservableValue extends CoapResource {
        private volatile String value;

        ObservableValue(String name, String value) {
            super(name);
            this.value = value;
        }

        public void set(String newValue) {
            value = newValue;
            changed();
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(value);
        }
    }

    public int port() {
        return endpoint.getAddress().getPort();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
