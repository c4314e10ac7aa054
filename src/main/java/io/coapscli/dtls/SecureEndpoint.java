package io.coapscli.dtls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.EndpointContextMatcherFactory;
import org.eclipse.californium.core.coap.ClientObserveRelation;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.observe.NotificationListener;
import org.eclipse.californium.core.server.MessageDeliverer;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.Filter;
import org.eclipse.californium.elements.util.JceProviderUtil;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.dtls.ClientHandshaker;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

import io.coapscli.coap.BlockwiseStack;
import io.coapscli.coap.CoapConfigs;
import io.coapscli.coap.Endpoint;
import io.coapscli.coap.InlineProtocolStage;
import io.coapscli.coap.PortProbe;
import io.coapscli.coap.TracedBlockwiseLayer;
import io.coapscli.dtls.Credentials;

/**
 * The one place that knows Californium and Scandium configuration: cipher suites, curves, certificate
 * checks, SNI handling and every timer. It builds a DTLS connector under a CoAP endpoint that serves
 * and sends on one UDP socket, both roles at once, as an OpenThread node does.
 */
public final class SecureEndpoint implements Endpoint {

    private static final int RECEIVE_BUFFER_BYTES = 2 << 20;

    /** How long {@link #destroy()} waits for close_notify alerts to leave. */
    private static final long CLOSE_NOTIFY_WAIT_MS = 2000;

    static {
        DtlsConfig.register();
        IpLiteralServerNames.accept();
    }

    private final ReleasingDtlsConnector connector;
    private final CoapEndpoint endpoint;
    private final InlineProtocolStage stage;
    private final SessionTracker tracker;
    private final DtlsSessionEvents events;
    private final ProbedPeers probed;
    private final TracedBlockwiseLayer blocks;
    private boolean probesPorts = true;

    private SecureEndpoint(ReleasingDtlsConnector connector, CoapEndpoint endpoint, InlineProtocolStage stage,
            TracedBlockwiseLayer blocks, SessionTracker tracker, DtlsSessionEvents events, ProbedPeers probed) {
        this.stage = stage;
        this.probed = probed;
        this.blocks = blocks;
        this.connector = connector;
        this.endpoint = endpoint;
        this.tracker = tracker;
        this.events = events;
    }

    /**
     * Builds an endpoint for these credentials.
     *
     * @param credentials the PSK or X.509 identity; null before any was set, which binds the socket with
     *            a PSK suite and no key, so every handshake fails until credentials arrive
     * @param verifyPeer check the peer's certificate against the trust anchors ({@code coaps start true})
     */
    public static SecureEndpoint create(DtlsSettings settings, Credentials credentials, boolean verifyPeer,
            DtlsSessionEvents events) {
        return create(configuration(settings, credentials, verifyPeer), settings, credentials, verifyPeer, events);
    }

    /**
     * An endpoint for a load generator: like {@link #create}, but message IDs are not tracked. RFC 7252
     * keeps an ID unused for EXCHANGE_LIFETIME (247 s), which caps a client at about 265 messages a second
     * to one peer; a benchmark sends far more, and lets the IDs wrap.
     */
    public static SecureEndpoint forLoad(DtlsSettings settings, Credentials credentials, DtlsSessionEvents events) {
        Configuration config = configuration(settings, credentials, false);
        config.set(CoapConfig.MID_TRACKER, CoapConfig.TrackerMode.NULL);
        SecureEndpoint endpoint = create(config, settings, credentials, false, events);
        // Its peer is a server that the benchmark just started: a probe would only add datagrams to the load.
        endpoint.probesPorts = false;
        return endpoint;
    }

    private static SecureEndpoint create(Configuration config, DtlsSettings settings, Credentials credentials,
            boolean verifyPeer, DtlsSessionEvents events) {
        SessionTracker tracker = new SessionTracker(events, settings.connectionIdLength() != null,
                settings.keyLog() == null ? null : new KeyLog(settings.keyLog()));
        ProbedPeers probed = new ProbedPeers(config);
        DtlsConnectorConfig.Builder dtls = DtlsConnectorConfig.builder(config)
                .setAddress(settings.coap().bindAddress())
                .setSessionListener(tracker)
                .setConnectionListener(tracker)
                .setDatagramFilter(probed);
        if (credentials instanceof Credentials.Psk psk) {
            byte[] identity = psk.identity();
            dtls.setAdvancedPskStore(new UnknownIdentityAsWrongKey(new AdvancedSinglePskStore(
                    new PskPublicInformation(new String(identity, StandardCharsets.UTF_8), identity), psk.key())));
        } else if (credentials == null) {
            dtls.setAdvancedPskStore(new UnknownIdentityAsWrongKey(new AdvancedMultiPskStore()));
        } else if (credentials instanceof Credentials.X509 x509) {
            dtls.setCertificateIdentityProvider(new SingleCertificateProvider(x509.privateKey(),
                    x509.chain().toArray(new X509Certificate[0]), CertificateType.X_509));
            StaticNewAdvancedCertificateVerifier.Builder verifier = StaticNewAdvancedCertificateVerifier.builder();
            if (verifyPeer) {
                verifier.setTrustedCertificates(x509.trustAnchors().toArray(new X509Certificate[0]));
            } else {
                verifier.setTrustAllCertificates();
            }
            dtls.setAdvancedCertificateVerifier(verifier.build());
        } else if (credentials instanceof Credentials.Rpk rpk) {
            dtls.setCertificateIdentityProvider(new SingleCertificateProvider(rpk.privateKey(), rpk.publicKey()));
            StaticNewAdvancedCertificateVerifier.Builder verifier = StaticNewAdvancedCertificateVerifier.builder();
            if (verifyPeer) {
                verifier.setTrustedRPKs(rpk.trustedKeys().stream().map(RawPublicKeyIdentity::new)
                        .toArray(RawPublicKeyIdentity[]::new));
            } else {
                verifier.setTrustAllRPKs();
            }
            dtls.setAdvancedCertificateVerifier(verifier.build());
        }
        ReleasingDtlsConnector connector = ReleasingDtlsConnector.create(dtls.build());
        tracker.onWrongPsk(connector::processHandshakeException);
        tracker.onClosed(connector::release);
        BlockwiseStack stack = new BlockwiseStack();
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConnector(connector)
                .setConfiguration(config)
                .setCoapStackFactory(stack)
                .setEndpointContextMatcher(
                        new HandshakeProbe.Matcher(EndpointContextMatcherFactory.create(connector, config)))
                .build();
        InlineProtocolStage stage = new InlineProtocolStage();
        endpoint.setExecutors(stage, stage);
        connector.handUpThrough(stage::runHere);
        return new SecureEndpoint(connector, endpoint, stage, stack.blocks(), tracker, events, probed);
    }

    private static Configuration configuration(DtlsSettings settings, Credentials credentials, boolean verifyPeer) {
        Configuration config = CoapConfigs.forEndpoint(settings.coap());
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.BOTH);
        // Room for hundreds of requests in flight (the kernel counts ~1-2 KB per small datagram); the
        // system's default (~200 KB) dropped them at 400 in flight. The kernel caps it at net.core.rmem_max.
        config.set(DtlsConfig.DTLS_RECEIVE_BUFFER_SIZE, RECEIVE_BUFFER_BYTES);
        config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, settings.retransmissionTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, settings.maxRetransmissions());
        config.set(DtlsConfig.DTLS_MAX_FRAGMENTED_HANDSHAKE_MESSAGE_LENGTH, Limits.MAX_HANDSHAKE_MESSAGE_BYTES);
        // RFC 9146 Connection ID, off unless asked for: OpenThread's peers do not negotiate it.
        config.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, settings.connectionIdLength());
        // OpenThread's suites are the CCM_8 ones, which Californium does not count as "recommended".
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        // Peers are reached by address literal; OpenThread checks no host name either.
        config.set(DtlsConfig.DTLS_VERIFY_SERVER_CERTIFICATES_SUBJECT, false);
        config.set(DtlsConfig.DTLS_USE_SERVER_NAME_INDICATION, false);
        if (!(credentials instanceof Credentials.X509) && !(credentials instanceof Credentials.Rpk)) {
            config.set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8));
        } else {
            config.set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8));
            config.set(DtlsConfig.DTLS_CURVES, CertificateSuite.CURVES);
            config.set(DtlsConfig.DTLS_SIGNATURE_AND_HASH_ALGORITHMS, CertificateSuite.SIGNATURES);
            // Certificates, or raw public keys (RFC 7250) and nothing else.
            config.set(DtlsConfig.DTLS_CERTIFICATE_TYPES, List.of(credentials instanceof Credentials.Rpk
                    ? CertificateType.RAW_PUBLIC_KEY : CertificateType.X_509));
            config.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE,
                    verifyPeer ? CertificateAuthenticationMode.NEEDED : CertificateAuthenticationMode.WANTED);
        }
        return config;
    }

    @Override
    public ClientObserveRelation observe(Request request, ScheduledThreadPoolExecutor executor) {
        return new ClientObserveRelation(request, endpoint, executor);
    }

    @Override
    public void onNotification(NotificationListener listener) {
        endpoint.addNotificationListener(listener);
    }

    /** The receiver of this endpoint's session events. */
    public DtlsSessionEvents events() {
        return events;
    }

    /**
     * Runs this endpoint's DTLS and CoAP work on the given executors instead of threads of its own, so that
     * many endpoints (a load generator's sessions) share a few threads. Before {@link #start()}; the
     * executors are the caller's to shut down.
     */
    public void shareExecutors(ExecutorService dtlsWorkers, ScheduledExecutorService coap) {
        connector.setExecutor(dtlsWorkers);
        endpoint.setExecutors(coap, coap);
        connector.handUpThrough(Runnable::run);
        stage.shutdownNow();
    }

    @Override
    public void start() throws IOException {
        endpoint.start();
    }

    @Override
    public InetSocketAddress localAddress() {
        return connector.getAddress();
    }

    @Override
    public void setMessageDeliverer(MessageDeliverer deliverer) {
        endpoint.setMessageDeliverer(deliverer);
    }

    /**
     * Serves a tree of Californium resources through Californium's own deliverer (observe relations
     * included), instead of {@link #setMessageDeliverer a deliverer of the caller's}.
     */
    public void serve(Resource root) {
        endpoint.setMessageDeliverer(new ServerMessageDeliverer(root, endpoint.getConfig()));
    }

    @Override
    public void sendRequest(Request request) {
        endpoint.sendRequest(request);
    }

    @Override
    public TracedBlockwiseLayer blocks() {
        return blocks;
    }

    /**
     * Starts a full handshake with the peer and sends nothing else but a {@link PortProbe}: when the peer's
     * host says nobody listens at the port, the handshake ends at once with that reason.
     */
    public void handshake(InetSocketAddress peer) {
        if (probesPorts) {
            probed.watch(peer);
        }
        connector.send(RawData.outbound(new byte[0], new HandshakeProbe(peer), null, false));
        if (probesPorts) {
            PortProbe.start(peer, PortProbe.FIRST_PROBE_AFTER, () -> probed.isSilent(peer), () -> endClientHandshake(peer),
                    () -> probed.forget(peer));
        }
    }

    /** Fails our handshake with the peer, if one is still under way, as Scandium fails one on an alert. */
    private void endClientHandshake(InetSocketAddress peer) {
        connector.startForEach((Filter<Connection>) connection -> {
            Handshaker handshaker = connection.getOngoingHandshake();
            if (peer.equals(connection.getPeerAddress()) && handshaker instanceof ClientHandshaker
                    && !connection.hasEstablishedDtlsContext()) {
                connector.processHandshakeException(connection, new NobodyListening(peer));
                return true;
            }
            return false;
        });
    }

    /** DTLS connections held, for diagnostics: sessions, handshakes, and any kept after they ended. */
    public int connectionsHeld() {
        return connector.connectionsHeld();
    }

    /** Peers of established server sessions from which nothing came, and to which nothing went, for this long. */
    public List<InetSocketAddress> idleServerSessions(Duration idle) {
        return tracker.idleServerSessions(idle.toNanos());
    }

    /** Closes the session with the peer: close_notify, and no event for it. */
    public void close(InetSocketAddress peer) {
        tracker.forget(peer);
        try {
            connector.close(peer);
        } catch (RejectedExecutionException e) {
            // The connection closed and was released in the meantime (its executor is shut down): nothing to close.
        }
    }

    /** Closes the given sessions with close_notify, waits until the alerts have left, and releases the socket. */
    public void destroy(List<InetSocketAddress> openSessions) {
        openSessions.forEach(this::close);
        try {
            // Each connection runs its jobs in order, so once a no-op has visited them all, the alerts are out.
            connector.startForEach((Filter<Connection>) connection -> false).get(CLOSE_NOTIFY_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The socket closes regardless; a peer that missed the alert times out on its own.
        }
        endpoint.destroy();
        stage.shutdownNow();
    }
}
