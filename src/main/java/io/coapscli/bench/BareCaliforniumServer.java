package io.coapscli.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
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
 * The reference point of bench/compare.sh: the smallest Californium CoAPS server that serves what a
 * coaps-cli server serves (one resource, GET answers "helloWorld\0", PUT/POST replace it), with PSK
 * TLS_PSK_WITH_AES_128_CCM_8 and otherwise Californium's defaults. None of coaps-cli's code is in its path.
 * <p>
 * {@code java -cp coaps-cli.jar io.coapscli.bench.BareCaliforniumServer ADDRESS PORT PATH KEY IDENTITY}
 */
public final class BareCaliforniumServer {

    private BareCaliforniumServer() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        if (args.length != 5) {
            System.err.println("usage: BareCaliforniumServer ADDRESS PORT PATH KEY IDENTITY");
            System.exit(2);
        }
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        config.set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8));
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])))
                .setAdvancedPskStore(new AdvancedSinglePskStore(args[4], args[3].getBytes(StandardCharsets.UTF_8)))
                .build();
        CoapServer server = new CoapServer(config);
        server.addEndpoint(new CoapEndpoint.Builder().setConnector(new DTLSConnector(dtls)).setConfiguration(config)
                .build());
        server.add(new CoapResource(args[2]) {
            private volatile byte[] content = "helloWorld\0".getBytes(StandardCharsets.US_ASCII);

            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(ResponseCode.CONTENT, content);
            }

            @Override
            public void handlePUT(CoapExchange exchange) {
                content = exchange.getRequestPayload();
                exchange.respond(ResponseCode.CHANGED);
            }

            @Override
            public void handlePOST(CoapExchange exchange) {
                handlePUT(exchange);
            }
        });
        server.start();
        System.out.println("listening on " + args[0] + " port " + args[1]);
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
        new CountDownLatch(1).await();
    }
}
