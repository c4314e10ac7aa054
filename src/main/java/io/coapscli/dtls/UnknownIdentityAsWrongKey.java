package io.coapscli.dtls;

import java.net.InetSocketAddress;
import java.security.SecureRandom;

import javax.crypto.SecretKey;

import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * A server's PSK store that answers an identity it does not know with a random key, as RFC 4279 section
 * 2 suggests: the handshake goes on as for a wrong key, the client's Finished fails, and the client gets
 * the same fatal alert ({@link SessionTracker}) at once, where Scandium would drop its ClientKeyExchange
 * silently and leave it to time out. Nobody learns which identities exist.
 */
final class UnknownIdentityAsWrongKey implements AdvancedPskStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 16;

    private final AdvancedPskStore known;

    UnknownIdentityAsWrongKey(AdvancedPskStore known) {
        this.known = known;
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return known.hasEcdhePskSupported();
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName, PskPublicInformation identity,
            String hmacAlgorithm, SecretKey otherSecret, byte[] seed, boolean useExtendedMasterSecret) {
        PskSecretResult result = known.requestPskSecretResult(cid, serverName, identity, hmacAlgorithm, otherSecret, seed,
                useExtendedMasterSecret);
        if (result == null || result.getSecret() != null) {
            return result;
        }
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return new PskSecretResult(cid, identity, SecretUtil.create(key, "PSK"));
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return known.getIdentity(peerAddress, virtualHost);
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        known.setResultHandler(resultHandler);
    }
}
