package io.coapscli.dtls;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/** What the agent authenticates with: a pre-shared key, or an X.509 identity and the anchors it trusts. */
public sealed interface Credentials {

    /** A PSK and its identity, checked: neither empty, each within what DTLS can carry. */
    static Psk psk(byte[] key, byte[] identity) throws CredentialException {
        if (key.length == 0 || identity.length == 0) {
            throw new CredentialException("the PSK and its identity must not be empty");
        }
        if (key.length > Limits.MAX_PSK_KEY_BYTES) {
            throw new CredentialException("the PSK has " + key.length + " bytes; at most " + Limits.MAX_PSK_KEY_BYTES);
        }
        if (identity.length > Limits.MAX_PSK_IDENTITY_BYTES) {
            throw new CredentialException("the PSK identity has " + identity.length + " bytes; at most "
                    + Limits.MAX_PSK_IDENTITY_BYTES);
        }
        return new Psk(key, identity);
    }

    /** TLS_PSK_WITH_AES_128_CCM_8 with this key and identity. */
    record Psk(byte[] key, byte[] identity) implements Credentials {
        public Psk {
            key = key.clone();
            identity = identity.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public String toString() {
            // Never the key, in logs or anywhere else.
            return "Psk[identity=" + new String(identity, StandardCharsets.UTF_8) + ", key=(" + key.length + " bytes)]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Psk psk && Arrays.equals(key, psk.key) && Arrays.equals(identity, psk.identity);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(key) + Arrays.hashCode(identity);
        }
    }

    /**
     * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 on P-256 with raw public keys (RFC 7250): this key pair, and the
     * peers' public keys it trusts.
     */
    record Rpk(PrivateKey privateKey, PublicKey publicKey, List<PublicKey> trustedKeys) implements Credentials {
        public Rpk {
            trustedKeys = List.copyOf(trustedKeys);
        }

        @Override
        public String toString() {
            return "Rpk[" + trustedKeys.size() + " trusted keys]";
        }
    }

    /** TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 on P-256 with this key, certificate chain and trust anchors. */
    record X509(PrivateKey privateKey, List<X509Certificate> chain, List<X509Certificate> trustAnchors)
            implements Credentials {
        public X509 {
            chain = List.copyOf(chain);
            trustAnchors = List.copyOf(trustAnchors);
        }

        @Override
        public String toString() {
            return "X509[" + chain.get(0).getSubjectX500Principal().getName() + "]";
        }
    }
}
